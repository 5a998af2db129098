# checks: service init/call/cast, (new_state, reply) tuples, snake_case helper names, casts observed by later calls from the same client, §10.6 §15
service Counter do
  fn init(start :: Int) -> Int do
    start
  end

  call GetCount() :: Int do |n|
    (n, n)
  end

  cast Increment(by :: Int) do |n|
    n + by
  end

  cast Reset() do |_n|
    0
  end

  call SetAndGetOld(v :: Int) :: Int do |n|
    (v, n)
  end
end

fn main() do
  let c = Counter.start(5)
  println("#{Counter.get_count(c)}")
  Counter.increment(c, 3)
  Counter.increment(c, 4)
  println("#{Counter.get_count(c)}")
  println("#{Counter.set_and_get_old(c, 100)}")
  println("#{Counter.get_count(c)}")
  Counter.reset(c)
  println("#{Counter.get_count(c)}")
  let other = Counter.start(1)
  Counter.increment(other, 1)
  println("#{Counter.get_count(other)} #{Counter.get_count(c)}")
end

# expect:
# 5
# 12
# 12
# 100
# 0
# 2 0
