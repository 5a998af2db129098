# checks: Iter.count/sum/any/all/find/reduce terminal operations including empty cases, §11.4
fn show(o :: Option<Int>) -> String do
  case o do
    Some(v) -> "some #{v}"
    None -> "none"
  end
end

fn main() do
  let none :: List<Int> = []
  println("#{Iter.count(Iter.from([4, 5, 6]))} #{Iter.count(Iter.from(none))}")
  println("#{Iter.sum(Iter.from([4, 5, 6]))} #{Iter.sum(Iter.from(none))}")
  println("#{Iter.any(Iter.from([1, 2, 3]), fn x -> x > 2 end)} #{Iter.any(Iter.from(none), fn x -> true end)}")
  println("#{Iter.all(Iter.from([1, 2, 3]), fn x -> x > 0 end)} #{Iter.all(Iter.from([1, 2, 3]), fn x -> x > 1 end)} #{Iter.all(Iter.from(none), fn x -> false end)}")
  println(show(Iter.find(Iter.from([1, 8, 9]), fn x -> x > 5 end)))
  println(show(Iter.find(Iter.from([1, 2]), fn x -> x > 5 end)))
  println("#{Iter.reduce(Iter.from([1, 2, 3]), 10, fn acc, x -> acc + x end)}")
  println("#{Iter.count(Iter.from([1, 2, 3, 4]) |> Iter.filter(fn x -> x % 2 == 1 end))}")
  println(Iter.reduce(Iter.from([1, 2, 3]), "", fn acc, x -> acc <> "#{x}" end))
end

# expect:
# 3 0
# 15 0
# true false
# true false true
# some 8
# none
# 16
# 2
# 123
