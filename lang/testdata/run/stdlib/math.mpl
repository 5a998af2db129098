# checks: Int/Float conversions and Math functions (round half away from zero, floor/ceil return Int, pi), §12.2
fn main() do
  println("#{Int.to_float(3)} #{Int.to_string(-5)}")
  println("#{Float.to_int(-3.9)} #{Float.to_int(3.9)}")
  println("#{Math.abs(-5)} #{Math.abs(-2.5)}")
  println("#{Math.min(3, 9)} #{Math.max(1.5, 0.5)}")
  println("#{Math.pi}")
  println("#{Math.pow(2.0, 10.0)} #{Math.sqrt(2.0)} #{Math.sqrt(-1.0)}")
  println("#{Math.floor(-1.5)} #{Math.ceil(1.2)} #{Math.floor(2.7) + 1}")
  println("#{Math.round(2.5)} #{Math.round(-2.5)} #{Math.round(2.4)} #{Math.round(-0.4)}")
  println("#{Int.to_float(7) / 2.0}")
end

# expect:
# 3 -5
# -3 3
# 5 2.5
# 3 1.5
# 3.141592653589793
# 1024 1.4142135623730951 NaN
# -2 2 3
# 3 -3 2 0
# 3.5
