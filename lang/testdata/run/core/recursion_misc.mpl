# checks: mutual recursion with forward references, closures created in a loop capture each value, named function generalisation, §5.3 §7.1 §7.3
fn is_even(n :: Int) -> Bool do
  if n == 0 do
    true
  else
    is_odd(n - 1)
  end
end

fn is_odd(n :: Int) -> Bool do
  if n == 0 do
    false
  else
    is_even(n - 1)
  end
end

fn twice<T>(x :: T) -> List<T> = [x, x]

fn main() do
  println("#{is_even(10)} #{is_odd(7)} #{is_even(3)}")
  let makers = for i in 0..3 do
    fn -> i * 10 end
  end
  let values = List.map(makers, fn f -> f() end)
  println("#{values}")
  println("#{twice(1)} #{twice("a")} #{twice(true)}")
  let inc = fn x -> x + 1 end
  println("#{5 |> inc}")
end

# expect:
# true true false
# [0, 10, 20]
# [1, 1] [a, a] [true, true]
# 6
