# checks: List map/filter/reduce (accumulator first)/sort (stable, comparator)/find/any/all/contains/zip/flat_map/flatten/enumerate/take/drop, §12.3
fn main() do
  let xs = [1, 2, 3, 4, 5]
  println("#{List.map(xs, fn x -> x * x end)}")
  println("#{List.filter(xs, fn x -> x > 2 end)}")
  println("#{List.reduce([1, 2, 3, 4], 0, fn acc, x -> acc * 10 + x end)}")
  println("#{List.sort([3, 1, 2], fn a, b -> a - b end)} #{List.sort([3, 1, 2], fn a, b -> b - a end)}")
  let words = ["bb", "a", "cc", "d"]
  println("#{List.sort(words, fn a, b -> String.length(a) - String.length(b) end)}")
  let found = case List.find(xs, fn x -> x > 3 end) do
    Some(v) -> "found #{v}"
    None -> "none"
  end
  println(found)
  let missing = case List.find(xs, fn x -> x > 30 end) do
    Some(v) -> "found #{v}"
    None -> "none"
  end
  println(missing)
  let none :: List<Int> = []
  println("#{List.any(xs, fn x -> x == 3 end)} #{List.any(none, fn x -> true end)} #{List.all(none, fn x -> false end)} #{List.all(xs, fn x -> x > 1 end)}")
  println("#{List.contains(["a", "b"], "b")} #{List.contains(xs, 9)}")
  println("#{List.zip([1, 2, 3], ["a", "b"])}")
  println("#{List.flat_map([1, 2], fn x -> [x, x * 10] end)}")
  println("#{List.flatten([[1], [2, 3], []])}")
  println("#{List.enumerate(["a", "b"])}")
  println("#{List.take(xs, 2)} #{List.take(xs, 10)} #{List.take(xs, -1)}")
  println("#{List.drop(xs, 3)} #{List.drop(xs, 10)} #{List.drop(xs, 0)}")
end

# expect:
# [1, 4, 9, 16, 25]
# [3, 4, 5]
# 1234
# [1, 2, 3] [3, 2, 1]
# [a, d, bb, cc]
# found 4
# none
# true false true false
# true false
# [(1, a), (2, b)]
# [1, 10, 2, 20]
# [1, 2, 3]
# [(0, a), (1, b)]
# [1, 2] [1, 2, 3, 4, 5] []
# [4, 5] [] [1, 2, 3, 4, 5]
