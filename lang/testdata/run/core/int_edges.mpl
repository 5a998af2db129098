# checks: min_int / -1 wraps to min_int with remainder 0 (§7.5 Recommended), max/min literals, negative modulo combos
fn main() do
  let min = -9223372036854775807 - 1
  println("#{min}")
  let neg_one = -1
  println("#{min / neg_one}")
  println("#{min % neg_one}")
  println("#{min - 1}")
  println("#{-7 / -2} #{-7 % -2} #{7 / -2}")
  println("#{0 / 5} #{0 % 5}")
end

# expect:
# -9223372036854775808
# -9223372036854775808
# 0
# 9223372036854775807
# 3 -1 -3
# 0 0
