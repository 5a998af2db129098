# checks: struct fields holding functions, lists and options; calling a function field; generic struct update, §5.7 §5.11
struct Counter do
  label :: String
  step :: Fun(Int) -> Int
  history :: List<Int>
  limit :: Option<Int>
end

fn bump(c :: Counter) -> Counter do
  let last = List.last(c.history)
  %{c | history: List.append(c.history, c.step(last))}
end

fn main() do
  let c = Counter { label: "by3", step: fn x -> x + 3 end, history: [0], limit: Some(10) }
  let c2 = c |> bump() |> bump()
  println("#{c2.history}")
  println("#{c.history}")
  let lim = case c2.limit do
    Some(n) -> n
    None -> 0
  end
  println("#{lim}")
  println(c2.label)
  let f = c.step
  println("#{f(100)}")
end

# expect:
# [0, 3, 6]
# [0]
# 10
# by3
# 103
