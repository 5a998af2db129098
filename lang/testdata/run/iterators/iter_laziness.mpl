# checks: iterator laziness and pull order: map+take calls the function only as needed, filter pulls until a pass, skip pulls on first pull, zip pull order, any/all stop early, §11.2
fn logged(tag :: String, xs :: List<Int>) do
  Iter.from(xs) |> Iter.map(fn x do
    println(tag <> " #{x}")
    x
  end)
end

fn main() do
  let it = logged("map", [1, 2, 3, 4, 5]) |> Iter.take(2)
  println("built")
  println("#{List.collect(it)}")
  println("--")
  let f = logged("test", [1, 2, 3, 4, 5, 6])
    |> Iter.filter(fn x -> x % 3 == 0 end)
    |> Iter.take(1)
  println("#{List.collect(f)}")
  println("--")
  let s = logged("pull", [1, 2, 3, 4]) |> Iter.skip(2) |> Iter.take(1)
  println("#{List.collect(s)}")
  println("--")
  let z = Iter.zip(logged("a", [1, 2]), logged("b", [7, 8, 9]))
  println("#{List.collect(z)}")
  println("--")
  let z2 = Iter.zip(logged("a", [1, 2, 3]), logged("b", [7]))
  println("#{List.collect(z2)}")
  println("--")
  println("#{Iter.any(logged("any", [1, 2, 3]), fn x -> x > 1 end)}")
  println("#{Iter.all(logged("all", [5, 0, 7]), fn x -> x > 1 end)}")
end

# expect:
# built
# map 1
# map 2
# [1, 2]
# --
# test 1
# test 2
# test 3
# [3]
# --
# pull 1
# pull 2
# pull 3
# [3]
# --
# a 1
# b 7
# a 2
# b 8
# [(1, 7), (2, 8)]
# --
# a 1
# b 7
# a 2
# [(1, 7)]
# --
# any 1
# any 2
# true
# all 5
# all 0
# false
