# checks: integer division by zero is a runtime error "division by zero" (§7.5 Recommended), exit 101
fn divide(a :: Int, b :: Int) -> Int = a / b

fn main() do
  println("#{divide(10, 2)}")
  println("#{divide(1, 0)}")
end

# expect-exit: 101
# expect-stderr: :2:\d+: panic: .*division by zero
# expect:
# 5
