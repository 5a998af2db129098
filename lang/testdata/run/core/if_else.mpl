# checks: if/else as expression, else-if chains, if without else as statement, §4.9 §7.4
fn grade(score :: Int) -> String do
  if score >= 90 do
    "A"
  else if score >= 80 do
    "B"
  else if score >= 70 do
    "C"
  else
    "F"
  end
end

fn main() do
  println(grade(95))
  println(grade(85))
  println(grade(70))
  println(grade(12))
  let n = 4
  let parity = if n % 2 == 0 do "even" else "odd" end
  println(parity)
  if n > 3 do
    println("big")
  end
  if n > 30 do
    println("huge")
  end
  println("done")
end

# expect:
# A
# B
# C
# F
# even
# big
# done
