# checks: integer remainder by zero is the runtime error "division by zero" (§7.5 Recommended); Float division by zero is not an error
fn main() do
  println("#{1.0 / 0.0}")
  let zero = 0
  println("#{7 % zero}")
end

# expect-exit: 101
# expect-stderr: :5:\d+: panic: .*division by zero
# expect:
# inf
