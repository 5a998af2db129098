# checks: typed functions, expression-bodied functions, return, recursion, nested fns, named fns as values, def, §4.3 §5.4
fn add(a :: Int, b :: Int) -> Int do
  a + b
end

fn square(x :: Int) -> Int = x * x

def triple(x) = x * 3

fn first_negative(xs :: List<Int>) -> Int do
  for x in xs do
    if x < 0 do
      return x
    end
  end
  0
end

fn fact(n :: Int) -> Int do
  if n <= 1 do
    1
  else
    n * fact(n - 1)
  end
end

fn apply_twice(f :: Fun(Int) -> Int, x :: Int) -> Int = f(f(x))

fn main do
  println("#{add(2, 3)}")
  println("#{square(7)}")
  println("#{triple(5)}")
  println("#{first_negative([3, 4, -2, -9])}")
  println("#{first_negative([1, 2])}")
  println("#{fact(10)}")
  println("#{apply_twice(square, 3)}")
  fn helper(s :: String) -> String do
    s <> s
  end
  println(helper("ab"))
  println("#{List.map([1, 2, 3], triple)}")
end

# expect:
# 5
# 49
# 15
# -2
# 0
# 3628800
# 81
# abab
# [3, 6, 9]
