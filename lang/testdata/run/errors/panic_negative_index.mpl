# checks: List.nth with a negative index panics (no wrap-around), §9 §12.3
fn main() do
  let xs = ["a", "b"]
  println(List.nth(xs, -1))
end

# expect-exit: 101
# expect-stderr: panic: .*index -1 out of bounds \(len 2\)
# expect:
