# checks: casts from many job processes all precede a later call from main (Job.map waits for every job), §10.6 §10.8
service Sum do
  fn init() -> Int do
    0
  end

  cast Add(n :: Int) do |s|
    s + n
  end

  call Total() :: Int do |s|
    (s, s)
  end
end

fn main() do
  let s = Sum.start()
  let ids = Range.to_list(Range.new(1, 101))
  let done = Job.map(ids, fn i do
    Sum.add(s, i)
    i
  end)
  println("#{List.length(done)}")
  println("#{Sum.total(s)}")
end

# expect:
# 100
# 5050
