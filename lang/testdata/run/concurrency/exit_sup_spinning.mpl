# checks: a one_for_all supervisor stops a spinning sibling of a crashed child (the stop takes effect although the child never receives) before restarting both, and past max_restarts stops it again and gives up, §10.7 §10.4
service Attempts do
  fn init() -> Int do
    0
  end

  call Bump() :: Int do |n|
    (n + 1, n + 1)
  end
end

fn spin(n :: Int) -> Int do
  spin(n + 1)
end

actor spinner() do
  terminate do
    println("spinner stopped")
  end
  spin(0)
  ()
end

actor fragile(attempt :: Int) do
  let empty :: List<Int> = []
  println("fragile #{attempt} #{List.head(empty)}")
end

supervisor Pair do
  strategy: one_for_all
  max_restarts: 1
  max_seconds: 3600

  child a do
    start: fn ->
      println("start spinner")
      spawn(spinner)
    end
    shutdown: 60000
  end

  child b do
    start: fn ->
      let n = Attempts.bump(Process.whereis("attempts"))
      println("start fragile #{n}")
      spawn(fragile, n)
    end
  end
end

fn main() do
  let at = Attempts.start()
  Process.register("attempts", at)
  spawn(Pair)
end

# expect-stderr: panic: mesh_list_head: empty list
# expect:
# start spinner
# start fragile 1
# spinner stopped
# start spinner
# start fragile 2
# spinner stopped
