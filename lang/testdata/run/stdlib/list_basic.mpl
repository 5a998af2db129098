# checks: List new/length/append/head/tail/get/nth/last/concat/reverse and ++, immutability, §12.3 §7.1
fn main() do
  let xs = [10, 20, 30]
  let empty :: List<Int> = List.new()
  println("#{List.length(empty)} #{List.length(xs)}")
  let ys = List.append(xs, 40)
  println("#{ys} #{xs}")
  println("#{List.head(xs)} #{List.tail(xs)}")
  println("#{List.get(xs, 1)} #{List.nth(xs, 2)} #{List.last(xs)}")
  println("#{List.concat([1], [2, 3])} #{[1] ++ [2]}")
  println("#{List.reverse(xs)}")
  println("#{List.tail([1])}")
end

# expect:
# 0 3
# [10, 20, 30, 40] [10, 20, 30]
# 10 [20, 30]
# 20 30 30
# [1, 2, 3] [1, 2]
# [30, 20, 10]
# []
