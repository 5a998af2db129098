# checks: comments (line, doc, nestable block), atoms printing, semicolons, multi-line calls and trailing commas, §2 §3 §8
## doc comment on a function
fn pair(a :: Int, b :: Int) -> Int = a * 10 + b

#= block comment
   #= nested =#
   still comment =#
fn main() do
  let a = :day
  println("#{a}")
  println("#{:created_at}")
  let x = 1; let y = 2; println("#{x + y}")
  let total = pair(
    4,
    2,
  )
  println("#{total}")
  let xs = [
    1,
    2,
    3,
  ]
  println("#{xs}")
  #= inline block =# println("after block comment")
  ##! module doc style comment
  println("#{4.to_string()}")
  println("#{1..4 |> Range.to_list()}")
end

# expect:
# day
# created_at
# 3
# 42
# [1, 2, 3]
# after block comment
# 4
# [1, 2, 3]
