# checks: a call that no clause of a multi-clause function matches is the runtime error "non-exhaustive match", §5.5 §9
fn name(1) = "one"
fn name(2) = "two"

fn main() do
  println(name(1))
  println(name(3))
end

# expect-exit: 101
# expect-stderr: panic: .*non-exhaustive match
# expect:
# one
