fn double(x :: Int) -> Int = x * 2
fn sub(a :: Int, b :: Int) -> Int = a - b

fn main() do
  let r = 5 |> double() |> double
  println("#{r}")
  let s = 10 |> sub(3)
  println("#{s}")
  let t = 10 |2> sub(3)
  println("#{t}")
  [1, 2, 3]
    |> List.map(fn x -> x + 1 end)
    |> List.reverse()
    |> fn xs -> println("#{xs}") end
end

# expect:
# 20
# 7
# -7
# [4, 3, 2]
