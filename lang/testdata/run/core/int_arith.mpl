# checks: Int arithmetic, precedence, truncating division, remainder sign, wrapping, §4.9 §7.5 §8
fn main() do
  println("#{1 + 2 * 3}")
  println("#{(1 + 2) * 3}")
  println("#{10 - 3 - 2}")
  println("#{7 / 2}")
  println("#{-7 / 2}")
  println("#{-7 % 2}")
  println("#{7 % -2}")
  println("#{100 / 7 * 7 + 100 % 7}")
  let big = 9223372036854775807
  println("#{big + 1}")
  println("#{big * 2}")
  println("#{-(3 - 10)}")
  println("#{0 - 42}")
end

# expect:
# 7
# 9
# 5
# 3
# -3
# -1
# 1
# 100
# -9223372036854775808
# -2
# 7
# -42
