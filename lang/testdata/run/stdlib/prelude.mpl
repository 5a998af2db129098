# checks: prelude functions map/filter/reduce/head/tail and legacy list_*/set_*/tuple_* aliases, §12.0
fn main() do
  let xs = [4, 5, 6]
  println("#{map(xs, fn x -> x + 1 end)}")
  println("#{filter(xs, fn x -> x != 5 end)}")
  println("#{reduce(xs, 100, fn acc, x -> acc - x end)}")
  println("#{head(xs)} #{tail(xs)}")
  println("#{list_sort([2, 1], fn a, b -> a - b end)} #{list_take(xs, 1)} #{list_last(xs)}")
  println("#{set_size(set_add(set_new(), 3))}")
  println("#{tuple_first((1, 2))} #{tuple_size((1, 2, 3))}")
end

# expect:
# [5, 6, 7]
# [4, 6]
# 85
# 4 [5, 6]
# [1, 2] [4] 6
# 1
# 1 3
