# checks: Set add/remove/contains/size/union/intersection/difference/to_list/from_list, insertion order, string elements, §12.5 §8
fn main() do
  let s = Set.from_list([1, 2, 3])
  println("#{Set.add(s, 4)} #{Set.add(s, 2)}")
  println("#{Set.remove(s, 2)}")
  println("#{Set.contains(s, 3)} #{Set.contains(s, 7)}")
  println("#{Set.size(s)} #{Set.size(Set.new())}")
  println("#{Set.union(s, Set.from_list([3, 4]))}")
  println("#{Set.intersection(s, Set.from_list([3, 2, 9]))}")
  println("#{Set.difference(s, Set.from_list([2]))}")
  println("#{Set.to_list(s)}")
  let names = Set.from_list(["b", "a", "b"])
  println("#{names} #{Set.contains(names, "a")}")
  let grown = Set.add(Set.add(Set.new(), "x"), "y")
  println("#{grown}")
end

# expect:
# #{1, 2, 3, 4} #{1, 2, 3}
# #{1, 3}
# true false
# 3 0
# #{1, 2, 3, 4}
# #{2, 3}
# #{1, 3}
# [1, 2, 3]
# #{b, a} true
# #{x, y}
