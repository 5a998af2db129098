# checks: receive matches arms in order with guards and leaves non-matching messages queued in arrival order (selective receive, §15 decision), §10.3
actor sorter() do
  receive do
    "b" -> println("first b")
  end
  receive do
    n when n == "c" -> println("c next")
    other -> println("then " <> other)
  end
  receive do
    x -> println("last " <> x)
  end
end

fn main() do
  let s = spawn(sorter)
  send(s, "a")
  send(s, "b")
  send(s, "c")
end

# expect:
# first b
# then a
# last c
