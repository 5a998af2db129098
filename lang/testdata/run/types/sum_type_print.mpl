# checks: printing sum types: derived Display (Variant(v1, v2)) vs default Debug (literal "Variant(...)"), §6.3 §8
type Color do
  Red
  Custom(Int, Int, Int)
end deriving(Display, Eq)

type Plain do
  Empty
  Full(Int)
end

fn main() do
  println("#{Red}")
  println("#{Custom(1, 2, 3)}")
  println(Custom(4, 5, 6).to_string())
  println("#{Empty}")
  println("#{Full(7)}")
  println(Full(7).inspect())
  println("#{[Red, Custom(0, 0, 0)]}")
end

# expect:
# Red
# Custom(1, 2, 3)
# Custom(4, 5, 6)
# Empty
# Full(...)
# Full(...)
# [Red, Custom(0, 0, 0)]
