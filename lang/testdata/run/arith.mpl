fn main() do
  let a = 7
  let b = 2
  println("#{a + b} #{a - b} #{a * b} #{a / b} #{a % b}")
  println("#{-7 / 2} #{-7 % 2}")
  let big = 9223372036854775807
  println("#{big + 1}")
  println("#{1 < 2} #{2 <= 2} #{3 > 4} #{3 >= 4} #{1 == 1} #{1 != 1}")
  println("#{true and false} #{true or false} #{not true}")
end

# expect:
# 9 5 14 3 1
# -3 -1
# -9223372036854775808
# true true false false true false
# false true false
