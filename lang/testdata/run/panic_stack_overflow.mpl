fn depth(n :: Int) -> Int do
  1 + depth(n + 1)
end

fn main() do
  println("start")
  println("#{depth(0)}")
end

# expect-exit: 101
# expect-stderr: ^panic_stack_overflow.mpl:2:7: panic: stack overflow\n
# expect:
# start
