fn main() do
  println("#{3.14}")
  println("#{7.0}")
  println("#{-3.5}")
  println("#{0.1}")
  println("#{3.14 + 0.01}")
  println("#{1.5 * 2.0}")
  println("#{Float.from(42)}")
  println("#{Math.sqrt(2.0)}")
  println("#{Int.to_float(3) / 2.0}")
  println("#{Float.to_int(2.9)}")
  println("#{1.0 / 0.0}")
end

# expect:
# 3.14
# 7
# -3.5
# 0.1
# 3.15
# 3
# 42
# 1.4142135623730951
# 1.5
# 2
# inf
