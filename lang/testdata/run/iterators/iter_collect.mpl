# checks: Map.collect (enumerate, zip, duplicates keep first position), Set.collect (dedupe), String.collect, collect via pipe, §11.5
fn main() do
  let by_index = Iter.from(["ab", "cde"]) |> Iter.enumerate() |> Map.collect()
  println("#{by_index}")
  let zipped = Map.collect(Iter.zip(Iter.from(["x", "y"]), Iter.from([1, 2])))
  println("#{zipped}")
  let dup = Iter.from([("a", 1), ("b", 2), ("a", 3)]) |> Map.collect()
  println("#{dup}")
  let m = %{"k1" => 10, "k2" => 20}
  let copy = Iter.from(Map.to_list(m)) |> Map.collect()
  println("#{copy}")
  println("#{Set.collect(Iter.from([3, 1, 3, 2, 1]))}")
  println("#{Set.collect(Iter.from(["b", "a", "b"]))}")
  let shout = Iter.from(["a", "b", "c"]) |> Iter.map(fn s -> String.to_upper(s) end) |> String.collect()
  println(shout)
  println("[" <> String.collect(Iter.from([])) <> "]")
end

# expect:
# %{0 => ab, 1 => cde}
# %{x => 1, y => 2}
# %{a => 3, b => 2}
# %{k1 => 10, k2 => 20}
# #{3, 1, 2}
# #{b, a}
# ABC
# []
