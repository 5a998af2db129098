# checks: Iter.from with map/filter/take/skip/enumerate/zip adapters and List.collect, §11.1 §11.3 §11.5
fn main() do
  let evens_squared = Iter.from([1, 2, 3, 4, 5, 6])
    |> Iter.filter(fn n -> n % 2 == 0 end)
    |> Iter.map(fn n -> n * n end)
    |> List.collect()
  println("#{evens_squared}")
  println("#{Iter.from([1, 2, 3, 4, 5]) |> Iter.take(3) |> List.collect()}")
  println("#{Iter.from([1, 2, 3]) |> Iter.take(0) |> List.collect()}")
  println("#{Iter.from([1, 2, 3]) |> Iter.take(-2) |> List.collect()}")
  println("#{Iter.from([1, 2, 3, 4, 5]) |> Iter.skip(2) |> List.collect()}")
  println("#{Iter.from([1, 2]) |> Iter.skip(-1) |> List.collect()}")
  println("#{Iter.from([1, 2]) |> Iter.skip(5) |> List.collect()}")
  println("#{Iter.from(["a", "b", "c"]) |> Iter.enumerate() |> List.collect()}")
  println("#{Iter.zip(Iter.from([1, 2, 3]), Iter.from(["x", "y"])) |> List.collect()}")
  let words = Iter.from(["one", "two", "three"])
    |> Iter.map(fn w -> String.length(w) end)
    |> Iter.filter(fn n -> n > 3 end)
    |> List.collect()
  println("#{words}")
end

# expect:
# [4, 16, 36]
# [1, 2, 3]
# []
# []
# [3, 4, 5]
# [1, 2]
# []
# [(0, a), (1, b), (2, c)]
# [(1, x), (2, y)]
# [5]
