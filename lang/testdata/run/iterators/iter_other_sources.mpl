# checks: Iter.from accepts Map (K, V tuples), Set and Range (Recommended in §11.1); for over an iterator value, §11.1 §7.4
fn main() do
  let m = %{"a" => 1, "b" => 2}
  let pairs = Iter.from(m) |> List.collect()
  println("#{pairs}")
  let doubled = Iter.from(m) |> Iter.map(fn p -> (Tuple.first(p), Tuple.second(p) * 2) end) |> Map.collect()
  println("#{doubled}")
  println("#{Iter.from(Set.from_list([5, 6])) |> List.collect()}")
  println("#{Iter.from(Range.new(1, 4)) |> Iter.map(fn x -> x * 3 end) |> List.collect()}")
  let it = Iter.from([1, 2, 3]) |> Iter.map(fn x -> x + 100 end)
  let out = for x in it do
    x
  end
  println("#{out}")
end

# expect:
# [(a, 1), (b, 2)]
# %{a => 2, b => 4}
# [5, 6]
# [3, 6, 9]
# [101, 102, 103]
