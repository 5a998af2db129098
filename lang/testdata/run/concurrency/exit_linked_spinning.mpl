# checks: a crash kills a linked partner that is spinning in a tail loop and a partner spinning in a while loop (exit signals preempt busy processes); their terminate clauses run, §10.4 §10.5
fn spin(n :: Int) -> Int do
  spin(n + 1)
end

actor spinner(boss) do
  terminate do
    send(boss, "spinner stopped")
  end
  send(boss, "spinning")
  spin(0)
  ()
end

actor looper(boss) do
  terminate do
    send(boss, "looper stopped")
  end
  send(boss, "looping")
  while true do
    ()
  end
  ()
end

actor crasher(victim, boss) do
  link(victim)
  send(boss, "crasher linked")
  let empty :: List<Int> = []
  println("#{List.head(empty)}")
end

actor driver() do
  let s = spawn(spinner, self())
  receive do
    msg -> println(msg)
  end
  spawn(crasher, s, self())
  receive do
    "crasher linked" -> println("crasher linked")
  end
  receive do
    msg -> println(msg)
  end
  let l = spawn(looper, self())
  receive do
    msg -> println(msg)
  end
  spawn(crasher, l, self())
  receive do
    "crasher linked" -> println("crasher linked")
  end
  receive do
    msg -> println(msg)
  end
end

fn main() do
  spawn(driver)
end

# expect-stderr: panic: mesh_list_head: empty list
# expect:
# spinning
# crasher linked
# spinner stopped
# looping
# crasher linked
# looper stopped
