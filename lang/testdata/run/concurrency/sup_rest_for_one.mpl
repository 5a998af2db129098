# checks: rest_for_one restarts the failed child and the children declared after it, not those before, §10.7
service Attempts do
  fn init() -> Int do
    0
  end

  call Bump() :: Int do |n|
    (n + 1, n + 1)
  end
end

actor sleeper(name :: String) do
  receive do
    msg -> println(name <> " got " <> msg)
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

supervisor Chain do
  strategy: rest_for_one
  max_restarts: 5
  max_seconds: 60

  child first do
    start: fn ->
      println("start first")
      spawn(sleeper, "first")
    end
  end

  child middle do
    start: fn ->
      let n = Attempts.bump(Process.whereis("attempts"))
      println("start middle #{n}")
      spawn(fragile, n)
    end
  end

  child last do
    start: fn ->
      println("start last")
      spawn(sleeper, "last")
    end
  end
end

fn main() do
  Process.register("attempts", Attempts.start())
  spawn(Chain)
end

# expect:
# start first
# start middle 1
# start last
# start middle 2
# start last
