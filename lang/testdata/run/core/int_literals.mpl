# checks: hex, binary, octal and underscore Int literals evaluate properly (not 0), §2.5 §15
fn main() do
  println("#{0xFF}")
  println("#{0x1f}")
  println("#{0b1010}")
  println("#{0o17}")
  println("#{1_000_000}")
  println("#{0XFF + 0B11}")
  println("#{-0x10}")
end

# expect:
# 255
# 31
# 10
# 15
# 1000000
# 258
# -16
