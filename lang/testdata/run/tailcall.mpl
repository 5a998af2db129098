fn count(n :: Int, acc :: Int) -> Int do
  if n == 0 do
    acc
  else
    count(n - 1, acc + 1)
  end
end

fn swap(a :: Int, b :: Int, n :: Int) -> Int do
  case n do
    0 -> a
    _ -> swap(b, a, n - 1)
  end
end

fn main() do
  println("#{count(1000000, 0)}")
  println("#{swap(1, 2, 1000001)}")
end

# expect:
# 1000000
# 2
