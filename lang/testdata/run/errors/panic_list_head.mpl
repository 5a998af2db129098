# checks: List.head of an empty list panics in main: stdout so far kept, file:line:col: panic: message on stderr, exit 101, CONTRACT 9, §9
fn main() do
  println("before")
  let xs :: List<Int> = []
  let h = List.head(xs)
  println("after #{h}")
end

# expect-exit: 101
# expect-stderr: :5:\d+: panic: .*empty list
# expect:
# before
