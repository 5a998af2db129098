# checks: a restarted child can register the name its crashed predecessor held: names are
# released before links and monitors hear of the exit (as in Erlang), §10.5 §10.7
actor named() do
  println("register #{Process.register("worker", self())}")
  let empty :: List<Int> = []
  println("#{List.head(empty)}")
end

supervisor Tree do
  strategy: one_for_one
  max_restarts: 4
  max_seconds: 60
  child w do
    start: fn -> spawn(named) end
    restart: permanent
  end
end

fn main() do
  spawn(Tree)
end

# expect:
# register 0
# register 0
# register 0
# register 0
# register 0
