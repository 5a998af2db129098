# checks: distribution on a standalone node (§10.10): Node.self() is "", Node.list() is empty,
# Node.connect fails, Node.spawn on this node spawns locally, the Global registry registers,
# finds and unregisters names, and Node.spawn on another node is a runtime error
actor worker(n :: Int) do
  println("worker #{n}")
end

actor named() do
  println("register #{Global.register("svc", self())} #{Global.register("svc", self())}")
  println("unregister #{Global.unregister("svc")} #{Global.unregister("svc")}")
  println("again #{Global.register("svc", self())}")
end

fn main() do
  println("self=[#{Node.self()}] list=#{Node.list()} connect=#{Node.connect("a@127.0.0.1:4370")}")
  Node.spawn(Node.self(), worker, 7)
  Timer.sleep(20)
  spawn(named)
  Timer.sleep(20)
  Node.spawn("other@127.0.0.1:4370", worker, 1)
end

# expect-exit: 101
# expect-stderr: :20:\d+: panic: Node.spawn: cannot start a process on node 'other@127.0.0.1:4370'
# expect:
# self=[] list=[] connect=1
# worker 7
# register 0 1
# unregister 0 1
# again 0
