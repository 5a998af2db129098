# checks: |> pipes (with and without parens), slot pipes |N>, multi-line pipe continuation, §3 §4.9 §5.6
fn sub(a :: Int, b :: Int) -> Int = a - b
fn between(lo :: Int, x :: Int, hi :: Int) -> String = "#{lo}<#{x}<#{hi}"
fn inc(x :: Int) -> Int = x + 1

fn main() do
  println("#{3 |> sub(10)}")
  println("#{3 |2> sub(10)}")
  println(5 |2> between(1, 9))
  println(5 |3> between(1, 9))
  println("#{1 |> inc |> inc}")
  let xs = [1, 2, 3, 4, 5]
    |> List.filter(fn x -> x % 2 == 1 end)
    |> List.map(fn x -> x * 10 end)
  println("#{xs}")
  let total = xs |>
    List.reduce(0, fn acc, x -> acc + x end)
  println("#{total}")
  let words = "b,a,c" |> String.split(",") |> List.reverse()
  println("#{words}")
end

# expect:
# -7
# 7
# 1<5<9
# 1<9<5
# 3
# [10, 30, 50]
# 90
# [c, a, b]
