# checks: self tail calls 1,000,000 deep through if/else, case arms and argument swaps, §7.3
fn count_down(n :: Int, acc :: Int) -> Int do
  if n == 0 do
    acc
  else
    count_down(n - 1, acc + n)
  end
end

fn via_case(n :: Int, steps :: Int) -> Int do
  case n do
    0 -> steps
    _ -> via_case(n - 1, steps + 1)
  end
end

fn swap(a :: String, b :: String, n :: Int) -> String do
  if n == 0 do
    a <> b
  else
    swap(b, a, n - 1)
  end
end

fn loop_clause(0, acc) = acc
fn loop_clause(n, acc) = loop_clause(n - 1, acc + 2)

fn main() do
  println("#{count_down(1000000, 0)}")
  println("#{via_case(1000000, 0)}")
  println(swap("x", "y", 1000000))
  println(swap("x", "y", 1000001))
  println("#{loop_clause(1000000, 0)}")
end

# expect:
# 500000500000
# 1000000
# xy
# yx
# 2000000
