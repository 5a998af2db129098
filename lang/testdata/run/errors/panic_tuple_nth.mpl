# checks: Tuple.nth out of range panics with index and length, §9 §12.6
fn main() do
  let t = (1, 2)
  println("#{Tuple.nth(t, 1)}")
  println("#{Tuple.nth(t, 3)}")
end

# expect-exit: 101
# expect-stderr: :5:\d+: panic: .*index 3 out of bounds \(len 2\)
# expect:
# 2
