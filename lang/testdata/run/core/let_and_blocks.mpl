# checks: let bindings, shadowing, annotations, tuple destructuring, block values, §4.8 §7.1
fn main() do
  let x = 1
  let x = x + 1
  println("#{x}")
  let y :: Int = 40 + x
  println("#{y}")
  let (a, b) = (10, "ten")
  println("#{a} #{b}")
  let (p, (q, r)) = (1, (2, 3))
  println("#{p + q + r}")
  let _ = 99
  let z = if y > 40 do
    let t = y * 2
    t + 1
  else
    0
  end
  println("#{z}")
  let s = "a"; let s2 = s <> "b"; println(s2)
end

# expect:
# 2
# 42
# 10 ten
# 6
# 85
# ab
