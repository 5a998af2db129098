# checks: one_for_one supervisor restarts a crashing permanent child until max_restarts is exceeded, then gives up; supervisors print nothing, §10.7
actor flaky() do
  println("flaky up")
  let empty :: List<Int> = []
  let h = List.head(empty)
  println("unreachable #{h}")
end

supervisor Tree do
  strategy: one_for_one
  max_restarts: 2
  max_seconds: 60

  child f do
    start: fn -> spawn(flaky) end
    restart: permanent
    shutdown: 100
  end
end

fn main() do
  spawn(Tree)
end

# expect-exit: 0
# expect:
# flaky up
# flaky up
# flaky up
