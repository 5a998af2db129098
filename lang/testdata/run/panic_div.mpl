fn divide(a :: Int, b :: Int) -> Int do
  a / b
end

fn main() do
  println("before")
  println("#{divide(1, 0)}")
  println("after")
end

# expect-exit: 101
# expect-stderr: ^panic_div.mpl:2:3: panic: division by zero\n
# expect:
# before
