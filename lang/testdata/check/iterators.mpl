# Iter pipelines and collect (language.md §11.6 recommended typing)
fn main() do
  let evens = Iter.from([1, 2, 3, 4, 5, 6])
    |> Iter.filter(fn n -> n % 2 == 0 end)
    |> Iter.map(fn n -> n * n end)
    |> List.collect()
  let total :: Int = List.reduce(evens, 0, fn acc, x -> acc + x end)
  let by_index = Iter.from(["ab", "cde"]) |> Iter.enumerate() |> Map.collect()
  let first = Iter.from(["a", "b"]) |> Iter.find(fn s -> s == "b" end)
  let words :: String = Iter.from(["x", "y"]) |> String.collect()
  let s = Iter.from([1, 2]) |> Iter.sum()
  let pairs = Iter.zip(Iter.from([1, 2]), Iter.from(["a", "b"])) |> List.collect()
  for {k, v} in by_index do
    println("#{k}=#{v}")
  end
  let ws = for {n, w} in pairs do
    w <> "#{n + 1}"
  end
  println(List.head(ws))
  let sq = for n in 1..5 when n % 2 == 1 do
    n * n
  end
  println("#{total} #{words} #{s} #{sq}")
  let bad :: String = Iter.from([1, 2]) |> Iter.sum() # ERROR "E0001 type mismatch: expected `String`, found `Int`"
end

fn typed() -> List<String> do
  let it = Iter.from([1, 2, 3]) |> Iter.map(fn n -> "#{n}" end)
  let back :: List<Int> = Iter.from([1, 2]) |> List.collect()
  let keys = Iter.from(%{"a" => 1}) |> Iter.map(fn pair -> Tuple.first(pair) end) |> List.collect()
  let wrong :: List<Int> = Iter.from(["a"]) |> List.collect() # ERROR "E0001 type mismatch: expected `List<Int>`, found `List<String>`"
  List.collect(it)
end
