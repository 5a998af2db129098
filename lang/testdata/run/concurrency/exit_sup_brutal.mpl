# checks: rest_for_one with a brutal_kill child spinning in a tail loop: the supervisor kills it (and waits for it) before restarting, and kills it again when max_restarts is exceeded, §10.7 §10.4
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

actor spinner(round :: Int) do
  terminate do
    println("spinner #{round} killed")
  end
  spin(0)
  ()
end

actor fragile(attempt :: Int) do
  let empty :: List<Int> = []
  println("fragile #{attempt} #{List.head(empty)}")
end

supervisor Chain do
  strategy: rest_for_one
  max_restarts: 1
  max_seconds: 3600

  child b do
    start: fn ->
      let n = Attempts.bump(Process.whereis("attempts"))
      println("start fragile #{n}")
      spawn(fragile, n)
    end
  end

  child a do
    start: fn ->
      let n = Attempts.bump(Process.whereis("attempts"))
      println("start spinner #{n}")
      spawn(spinner, n)
    end
    shutdown: brutal_kill
  end
end

fn main() do
  let at = Attempts.start()
  Process.register("attempts", at)
  spawn(Chain)
end

# expect-stderr: panic: mesh_list_head: empty list
# expect:
# start fragile 1
# start spinner 2
# spinner 2 killed
# start fragile 3
# start spinner 4
# spinner 4 killed
