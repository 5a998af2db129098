# checks: a temporary child is never restarted, even after a crash; the supervisor keeps its other children, §10.7
actor brittle() do
  println("brittle started")
  let xs :: List<Int> = []
  println("#{List.head(xs)}")
end

supervisor Keeper do
  strategy: one_for_one
  child b do
    start: fn -> spawn(brittle) end
    restart: temporary
  end
end

fn main() do
  spawn(Keeper)
end

# expect-exit: 0
# expect:
# brittle started
