fn apply(f, x) = f(x)

fn make_adder(n :: Int) do
  let f = fn x -> x + n end
  f
end

fn main() do
  let k = 10
  let add_k = fn x -> x + k end
  println("#{add_k(5)}")
  let add3 = make_adder(3)
  println("#{apply(add3, 4)}")
  let xs = [1, 2, 3]
  println("#{List.map(xs, fn x -> x * k end)}")
  println("#{List.filter(xs, fn x -> x > 1 end)}")
  println("#{List.reduce(xs, 0, fn acc, x -> acc + x end)}")
  let classify = fn 0 -> "zero" | n -> "other" end
  println(classify(0) <> " " <> classify(4))
end

# expect:
# 15
# 7
# [10, 20, 30]
# [2, 3]
# 6
# zero other
