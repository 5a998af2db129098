# checks: an abnormal exit kills a linked process, whose terminate clause still runs (Recommended in §10.1); actor panic does not stop main, CONTRACT 9, §10.5
actor victim() do
  terminate do
    println("victim cleanup")
  end
  receive do
    msg -> println("victim got " <> msg)
  end
end

actor crasher(v) do
  link(v)
  println("crasher linked")
  let empty :: List<Int> = []
  println("#{List.head(empty)}")
end

fn main() do
  let v = spawn(victim)
  spawn(crasher, v)
end

# expect:
# crasher linked
# victim cleanup
