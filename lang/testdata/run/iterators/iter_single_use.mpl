# checks: iterators are stateful single-use cursors: consuming an adapter advances its source, §11.2
fn main() do
  let it = Iter.from([1, 2, 3, 4, 5])
  let first_two = it |> Iter.take(2) |> List.collect()
  println("#{first_two}")
  let rest = List.collect(it)
  println("#{rest}")
  println("#{List.collect(it)}")
  let it2 = Iter.from([10, 20, 30])
  println("#{Iter.count(it2)} #{Iter.count(it2)}")
end

# expect:
# [1, 2]
# [3, 4, 5]
# []
# 3 0
