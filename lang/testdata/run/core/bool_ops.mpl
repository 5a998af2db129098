# checks: Bool operators, comparisons, short-circuit evaluation, nested && (upstream bug not replicated), §4.9 §7.2 §15
fn noisy(label :: String, v :: Bool) -> Bool do
  println("eval " <> label)
  v
end

fn main() do
  println("#{true and false}")
  println("#{true or false}")
  println("#{not true}")
  println("#{!false}")
  println("#{1 < 2 && 2 < 3}")
  println("#{3 == 3}")
  println("#{3 != 3}")
  println("#{2 >= 2}")
  println("#{2 <= 1}")
  println("#{5 > 4}")
  let a = false and noisy("a", true)
  println("#{a}")
  let b = true or noisy("b", false)
  println("#{b}")
  let c = true && noisy("c", true)
  println("#{c}")
  let d = true && (true && noisy("d", false))
  println("#{d}")
  let e = (1 < 2) and ((2 < 3) and (3 < 4))
  println("#{e}")
  println("#{not (1 == 2)}")
end

# expect:
# false
# true
# false
# true
# true
# true
# false
# true
# false
# true
# false
# true
# eval c
# true
# eval d
# false
# true
# true
