# actors, send/receive, services, supervisors, jobs, timers
actor tally(count :: Int) do
  receive do
    0 -> println("total #{count}")
    k when k > 100 -> tally(count)
    k -> tally(count + k)
  after 1000 -> println("idle")
  end
end

actor echo() do
  let me = self()
  receive do
    msg -> println("got " <> msg)
  end
  terminate do
    println("bye")
  end
end

service Inventory do
  fn init(start :: Int) -> Int do
    start
  end

  call Count() :: Int do |stock|
    (stock, stock)
  end

  call Take(n :: Int) :: Bool do |stock|
    if n <= stock do
      (stock - n, true)
    else
      (stock, false)
    end
  end

  cast Restock(n :: Int) do |stock|
    stock + n
  end
end

supervisor Tree do
  strategy: one_for_all
  max_restarts: 5
  max_seconds: 10

  child t1 do
    start: fn -> spawn(tally, 0) end
    restart: transient
    shutdown: 2000
  end
end

supervisor BadTree do
  strategy: sideways # ERROR "E0019 unknown supervision strategy `sideways`"

  child c1 do
    start: fn -> 1 end # ERROR "E0018 child `c1` start function must return Pid"
    restart: sometimes # ERROR "E0020 invalid restart type `sometimes` for child `c1`"
    shutdown: soon # ERROR "E0021 invalid shutdown value `soon` for child `c1`"
  end
end

fn main() do
  let p = spawn(tally, 0)
  send(p, 5)
  send(p, "five") # ERROR "E0014 message type mismatch: expected `Int`, found `String`"
  let e = spawn(echo)
  send(e, "hi")
  let inv = Inventory.start(5)
  let ok :: Bool = Inventory.take(inv, 3)
  Inventory.restock(inv, 10)
  println("#{Inventory.count(inv)} #{ok}")
  let sup = spawn(Tree)
  let job = Job.async(fn -> 6 * 7 end)
  case Job.await(job) do
    Ok(v) -> println("#{v + 1}")
    Err(msg) -> println(msg)
  end
  Timer.sleep(10)
  Timer.send_after(p, 5, 0)
  let bad = spawn(42) # ERROR "E0016 cannot spawn non-function: found `Int`"
  let n = Inventory.count(inv, 1) # ERROR "E0003 arity mismatch"
end
