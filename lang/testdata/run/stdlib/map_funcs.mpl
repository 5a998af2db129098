# checks: Map put (keeps position)/get (zero value when missing)/has_key/delete/size/keys/values/merge/to_list/from_list, insertion order, §12.4
fn main() do
  let m = %{"a" => 1, "b" => 2}
  println("#{Map.put(m, "c", 3)}")
  println("#{Map.put(m, "a", 9)}")
  println("#{m}")
  println("#{Map.get(m, "b")} #{Map.get(m, "zz")}")
  println("#{Map.has_key(m, "a")} #{Map.has_key(m, "zz")}")
  println("#{Map.delete(m, "a")} #{Map.delete(m, "q")}")
  println("#{Map.size(m)} #{Map.keys(m)} #{Map.values(m)}")
  println("#{Map.merge(%{"a" => 1, "b" => 2}, %{"b" => 20, "c" => 30})}")
  println("#{Map.to_list(m)}")
  let f = Map.from_list([("x", 1), ("y", 2), ("x", 3)])
  println("#{Map.get(f, "x")} #{Map.size(f)}")
  let e :: Map<Int, String> = Map.new()
  let e2 = Map.put(Map.put(e, 2, "two"), 1, "one")
  println("#{e2} #{Map.get(e2, 1)}")
  println("[" <> Map.get(e2, 99) <> "]")
  let z = %{"b" => 1, "a" => 2, "c" => 3}
  println("#{z} #{Map.keys(z)}")
end

# expect:
# %{a => 1, b => 2, c => 3}
# %{a => 9, b => 2}
# %{a => 1, b => 2}
# 2 0
# true false
# %{b => 2} %{a => 1, b => 2}
# 2 [a, b] [1, 2]
# %{a => 1, b => 20, c => 30}
# [(a, 1), (b, 2)]
# 3 2
# %{2 => two, 1 => one} one
# []
# %{b => 1, a => 2, c => 3} [b, a, c]
