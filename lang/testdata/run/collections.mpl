fn main() do
  let xs = [3, 1, 2]
  println("#{xs}")
  println("#{List.length(xs)} #{List.head(xs)} #{List.last(xs)}")
  println("#{List.sort(xs, fn a, b -> a - b end)}")
  println("#{List.append(xs, 4)} #{xs ++ [9]}")
  println("#{List.contains(xs, 2)} #{List.get(xs, 1)}")
  let m = %{"a" => 1, "b" => 2}
  let m2 = Map.put(m, "c", 3)
  println("#{m2}")
  println("#{Map.get(m2, "b")} #{Map.has_key(m2, "z")} #{Map.size(m2)}")
  println("#{Map.keys(m2)} #{Map.values(m2)}")
  let words = ["hello", "world"]
  println("#{words}")
  let nested = [[1, 2], [3]]
  println("#{nested}")
  println("#{List.enumerate(["a", "b"])}")
  let e :: List<Int> = []
  println("#{e}")
  println("#{Map.new()}")
end

# expect:
# [3, 1, 2]
# 3 3 2
# [1, 2, 3]
# [3, 1, 2, 4] [3, 1, 2, 9]
# true 1
# %{a => 1, b => 2, c => 3}
# 2 false 3
# [a, b, c] [1, 2, 3]
# [hello, world]
# [[1, 2], [3]]
# [(0, a), (1, b)]
# []
# %{}
