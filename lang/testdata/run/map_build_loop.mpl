# Building a 100,000-key map one put at a time, then deleting every other
# key: each put and delete shares the old map's structure, and the old
# versions stay as they were.
fn build(i :: Int, n :: Int, acc :: Map<Int, Int>) -> Map<Int, Int> do
  if i == n do
    acc
  else
    build(i + 1, n, Map.put(acc, i, i * i))
  end
end

fn drop_even(i :: Int, n :: Int, acc :: Map<Int, Int>) -> Map<Int, Int> do
  if i >= n do
    acc
  else
    drop_even(i + 2, n, Map.delete(acc, i))
  end
end

fn main() do
  let m = build(0, 100000, Map.new())
  let odd = drop_even(0, 100000, m)
  let again = Map.put(odd, 4, -1)
  println("#{Map.size(m)} #{Map.get(m, 99999)} #{Map.has_key(m, 4)}")
  println("#{Map.size(odd)} #{Map.has_key(odd, 4)} #{Map.get(odd, 3)}")
  println("#{Map.size(again)} #{Map.get(again, 4)} #{List.last(Map.keys(again))}")
  println("#{List.take(Map.keys(odd), 3)}")
  let counts = List.reduce(["a", "b", "a", "c", "a", "b"], Map.new(), fn(acc, w) -> Map.put(acc, w, Map.get(acc, w) + 1) end)
  println("#{counts}")
end

# expect:
# 100000 9999800001 true
# 50000 false 9
# 50001 -1 4
# [1, 3, 5]
# %{a => 3, b => 2, c => 1}
