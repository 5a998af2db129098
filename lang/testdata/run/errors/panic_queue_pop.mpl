# checks: Queue.pop on an empty queue panics with "empty queue", §9 §12.6
fn main() do
  let q = Queue.new()
  let (x, _rest) = Queue.pop(q)
  println("#{x}")
end

# expect-exit: 101
# expect-stderr: :4:\d+: panic: .*empty queue
# expect:
