# checks: Process.monitor returns a reference, demonitor returns 0 then 1 for an unknown reference, register returns 0/1 and names are released on exit, §10.5
actor idle() do
  receive do
    msg -> println("idle got " <> msg)
  end
end

actor short() do
  Process.register("short", self())
end

fn main() do
  let p = spawn(idle)
  let r = Process.monitor(p)
  println("#{Process.demonitor(r)}")
  println("#{Process.demonitor(r)}")
  println("#{Process.register("idle", p)}")
  println("#{Process.register("idle", p)}")
  println("#{Process.register("idle2", p)}")
  let s = spawn(short)
  Timer.sleep(50)
  println("#{Process.register("short", p)}")
  send(Process.whereis("idle"), "via name")
end

# expect:
# 0
# 1
# 0
# 1
# 0
# 0
# idle got via name
