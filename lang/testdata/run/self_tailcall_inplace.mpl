# Self tail calls whose arguments are simple are compiled to in-place
# parameter stores plus RESTART; the stores must read every old value
# before overwriting it.

fn count(i :: Int, n :: Int, acc :: Int) -> Int do
  if i == n do
    acc
  else
    count(i + 1, n, acc + i)
  end
end

# b's new value reads a, a's new value reads b: a cycle, kept on the stack.
fn fibloop(k :: Int, a :: Int, b :: Int) -> Int do
  if k == 0 do
    a
  else
    fibloop(k - 1, b, a + b)
  end
end

# pure permutation of parameters
fn rot(k :: Int, x :: Int, y :: Int, z :: Int) -> String do
  if k == 0 do
    "#{x} #{y} #{z}"
  else
    rot(k - 1, y, z, x)
  end
end

# constants, negative steps and a parameter read by two later stores
fn steps(k :: Int, a :: Int, b :: Int, c :: Int) -> String do
  if k <= 0 do
    "#{a} #{b} #{c}"
  else
    steps(k - 3, -5, k + a, c - k)
  end
end

# k is read by three later stores, so it must be written last
fn order(k :: Int, a :: Int, b :: Int, c :: Int) -> String do
  if k == 0 do
    "#{a} #{b} #{c}"
  else
    order(k - 1, k, b + k, -7)
  end
end

# products and differences of two parameters
fn fact(n :: Int, acc :: Int) -> Int do
  if n == 0 do
    acc
  else
    fact(n - 1, acc * n)
  end
end

fn gap(k :: Int, a :: Int, b :: Int) -> String do
  if k == 0 do
    "#{a} #{b}"
  else
    gap(k - 1, b - a, a * k)
  end
end

# non-Int parameters moved between slots
fn names(k :: Int, s :: String, t :: String) -> String do
  if k == 0 do
    s <> t
  else
    names(k - 1, t, s)
  end
end

fn same(k :: Int, s :: String) -> String do
  if k == 0 do
    s
  else
    same(k - 1, s)
  end
end

fn main() do
  println("#{count(0, 100000, 0)}")
  println("#{fibloop(50, 0, 1)}")
  println(rot(4, 1, 2, 3))
  println(steps(10, 1, 2, 3))
  println(order(4, 0, 100, 9))
  println("#{fact(20, 1)}")
  println(gap(4, 2, 3))
  println(names(3, "a", "b"))
  println(same(1000000, "kept"))
end

# expect:
# 4999950000
# 12586269025
# 2 3 1
# -5 -4 -19
# 1 110 -7
# 2432902008176640000
# 18 -4
# ba
# kept
