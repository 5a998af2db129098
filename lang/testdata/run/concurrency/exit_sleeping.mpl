# checks: Process.exit of a process in Timer.sleep(600000) ends it at once (terminate runs, the rest of the body never does); a message does not cut a sleep short; "normal" leaves another process alone, §10.5 §10.8
actor sleeper(boss) do
  terminate do
    send(boss, "sleeper stopped")
  end
  send(boss, "sleeping")
  Timer.sleep(600000)
  println("sleeper woke up")
end

actor napper(boss) do
  send(boss, "napping")
  Timer.sleep(100)
  send(boss, "napper woke up")
  receive do
    msg -> send(boss, "napper got " <> msg)
  end
end

actor driver() do
  let s = spawn(sleeper, self())
  receive do
    msg -> println(msg)
  end
  Process.exit(s, "normal")
  Process.exit(s, "shutdown")
  receive do
    msg -> println(msg)
  end
  let n = spawn(napper, self())
  receive do
    msg -> println(msg)
  end
  send(n, "early mail")
  receive do
    msg -> println(msg)
  end
  receive do
    msg -> println(msg)
  end
end

fn main() do
  spawn(driver)
end

# expect:
# sleeping
# sleeper stopped
# napping
# napper woke up
# napper got early mail
