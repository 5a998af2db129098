# checks: closure forms, capture by value at creation, returning closures, multi-clause closures, §4.9 §7.1
fn make_adder(n :: Int) -> Fun(Int) -> Int do
  let f = fn x -> x + n end
  f
end

fn compose(f, g) = fn(x) -> g(f(x)) end

fn main() do
  let k = fn -> 42 end
  println("#{k()}")
  let double = fn x -> x * 2 end
  println("#{double(21)}")
  let add = fn x, y -> x + y end
  println("#{add(3, 4)}")
  let typed = fn(x :: Int) -> x - 1 end
  println("#{typed(10)}")
  let block = fn (a, b) do
    let s = a * b
    s + 1
  end
  println("#{block(3, 5)}")
  let base = 100
  let capture = fn x -> x + base end
  let base = 0
  println("#{capture(1)} #{base}")
  let add5 = make_adder(5)
  println("#{add5(10)}")
  let inc_then_double = compose(fn x -> x + 1 end, double)
  println("#{inc_then_double(4)}")
  let sign = fn 0 -> "zero" | n when n < 0 -> "neg" | _ -> "pos" end
  println(sign(0) <> " " <> sign(-3) <> " " <> sign(8))
  let opt = fn Some(v) -> v | None -> -1 end
  println("#{opt(Some(7))} #{opt(None)}")
  let id = fn x -> x end
  println("#{id(1)} #{id("poly")}")
end

# expect:
# 42
# 42
# 7
# 9
# 16
# 101 0
# 15
# 10
# zero neg pos
# 7 -1
# 1 poly
