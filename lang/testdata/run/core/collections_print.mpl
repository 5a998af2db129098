# checks: printing of lists, nested lists, maps, sets, empty collections, to_string on collections, §8
fn main() do
  println("#{[1, 2, 3]}")
  println("#{["hello", "world"]}")
  let none :: List<Int> = []
  println("#{none}")
  println("#{[[1, 2], [3]]}")
  println("#{[1.5, 2.0]}")
  println("#{[true, false]}")
  println("#{%{0 => 100, 1 => 200}}")
  println("#{%{"a" => 1}}")
  let m :: Map<String, Int> = %{}
  println("#{m}")
  println("#{%{"k" => [1, 2]}}")
  println("#{Set.from_list([3, 1, 3, 2])}")
  println([1, 2].to_string())
  println(42.to_string())
  println(to_string(2.5))
  println(%{"z" => 26, "a" => 1}.to_string())
end

# expect:
# [1, 2, 3]
# [hello, world]
# []
# [[1, 2], [3]]
# [1.5, 2]
# [true, false]
# %{0 => 100, 1 => 200}
# %{a => 1}
# %{}
# %{k => [1, 2]}
# #{3, 1, 2}
# [1, 2]
# 42
# 2.5
# %{z => 26, a => 1}
