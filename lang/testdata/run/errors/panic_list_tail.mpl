# checks: List.tail of an empty list panics "empty list", §9 §12.3
fn main() do
  let xs = [1]
  let rest = List.tail(xs)
  println("#{rest}")
  println("#{List.tail(rest)}")
end

# expect-exit: 101
# expect-stderr: :6:\d+: panic: .*empty list
# expect:
# []
