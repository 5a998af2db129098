# checks: Tuple nth/first/second/size, Range new/to_list/map/filter/length, Queue FIFO push/pop/peek/size/is_empty, §12.6
fn main() do
  let t = (10, 20, 30)
  println("#{Tuple.nth(t, 2)} #{Tuple.first(t)} #{Tuple.second(t)} #{Tuple.size(t)}")
  println("#{Range.to_list(Range.new(1, 5))}")
  println("#{Range.map(Range.new(0, 3), fn x -> x * x end)}")
  println("#{Range.filter(Range.new(0, 10), fn x -> x % 4 == 0 end)}")
  println("#{Range.length(Range.new(5, 2))} #{Range.length(Range.new(2, 5))}")
  let q = Queue.new() |> Queue.push(1) |> Queue.push(2) |> Queue.push(3)
  println("#{Queue.size(q)} #{Queue.peek(q)} #{Queue.is_empty(q)}")
  let (x, q2) = Queue.pop(q)
  let (y, q3) = Queue.pop(q2)
  println("#{x} #{y} #{Queue.size(q3)} #{Queue.peek(q3)} #{Queue.size(q)}")
  println("#{Queue.is_empty(Queue.new())}")
end

# expect:
# 30 10 20 3
# [1, 2, 3, 4]
# [0, 1, 4]
# [0, 4, 8]
# 0 3
# 3 1 false
# 1 2 1 3 3
# true
