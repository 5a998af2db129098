# checks: List.get out of range panics with the index and length, CONTRACT 9, §9
fn main() do
  let xs = [1, 2, 3]
  println("#{List.get(xs, 2)}")
  println("#{List.get(xs, 5)}")
end

# expect-exit: 101
# expect-stderr: :5:\d+: panic: .*index 5 out of bounds \(len 3\)
# expect:
# 3
