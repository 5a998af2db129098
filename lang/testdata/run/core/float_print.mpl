# checks: Float printing (shortest round-trip, no exponent, integral without .0, -0, inf, NaN), §7.5 §8
fn main() do
  println("#{0.1 + 0.2}")
  println("#{7.0}")
  println("#{3.14 + 0.01}")
  println("#{-3.5}")
  println("#{1.0 / 3.0}")
  println("#{2e10}")
  println("#{1.0e21}")
  println("#{1e-7}")
  println("#{6.02E+23}")
  println("#{-0.0}")
  println("#{1.0 / 0.0}")
  println("#{-1.0 / 0.0}")
  println("#{0.0 / 0.0}")
  println("#{7.5 % 2.0}")
  println("#{2.5 * 4.0}")
  println("#{0.5 - 1.0}")
end

# expect:
# 0.30000000000000004
# 7
# 3.15
# -3.5
# 0.3333333333333333
# 20000000000
# 1000000000000000000000
# 0.0000001
# 602000000000000000000000
# -0
# inf
# -inf
# NaN
# 1.5
# 10
# -0.5
