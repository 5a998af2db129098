# checks: Queue.peek on an empty queue panics with "empty queue", §9 §12.6
fn main() do
  let q = Queue.push(Queue.new(), 1)
  let (x, rest) = Queue.pop(q)
  println("#{x} #{Queue.size(rest)}")
  println("#{Queue.peek(rest)}")
end

# expect-exit: 101
# expect-stderr: :6:\d+: panic: .*empty queue
# expect:
# 1 0
