# checks: one_for_all: a crashing child makes the supervisor stop the others (their terminate clauses run) and restart all in declaration order; start closures are evaluated by the supervisor, §10.7 §10.1
service Attempts do
  fn init() -> Int do
    0
  end

  call Bump() :: Int do |n|
    (n + 1, n + 1)
  end
end

actor steady() do
  terminate do
    println("steady stopped")
  end
  receive do
    msg -> println("steady got " <> msg)
  end
end

actor fragile(attempt :: Int) do
  if attempt == 1 do
    let empty :: List<Int> = []
    println("#{List.head(empty)}")
  end
  receive do
    msg -> println("fragile got " <> msg)
  end
end

supervisor Pair do
  strategy: one_for_all
  max_restarts: 5
  max_seconds: 60

  child a do
    start: fn ->
      println("start steady")
      spawn(steady)
    end
    shutdown: 1000
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

# expect:
# start steady
# start fragile 1
# steady stopped
# start steady
# start fragile 2
