# checks: derived Eq/Ord on structs and sum types (field order, variant order), compare(), list ==/<, §6.2 §6.3 §7.5
struct Version do
  major :: Int
  minor :: Int
end deriving(Eq, Ord)

type Level do
  Low
  Mid(Int)
  High
end deriving(Eq, Ord)

fn ord_name(o :: Ordering) -> String do
  case o do
    Less -> "less"
    Equal -> "equal"
    Greater -> "greater"
  end
end

fn main() do
  let a = Version { major: 1, minor: 9 }
  let b = Version { major: 2, minor: 0 }
  println("#{a == b} #{a != b} #{a < b} #{a > b} #{a <= a} #{b >= a}")
  println(ord_name(compare(a, b)))
  println(ord_name(compare(b, a)))
  println(ord_name(compare(a, Version { major: 1, minor: 9 })))
  println("#{Low < High} #{Mid(5) < Mid(7)} #{Mid(100) < High} #{Mid(1) == Mid(1)}")
  println(ord_name(compare(3, 7)))
  println(ord_name(compare("b", "a")))
  println(ord_name(compare(2.5, 2.5)))
  println("#{[1, 2, 3] == [1, 2, 3]} #{[1, 2] < [1, 2, 0]} #{[2] > [1, 9]}")
  let u1 = Version { major: 0, minor: 1 }
  println("#{u1 == %{u1 | minor: 1}}")
end

# expect:
# false true true false true true
# less
# greater
# equal
# true true true true
# less
# greater
# equal
# true true true
# true
