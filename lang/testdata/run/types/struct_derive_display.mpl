# checks: deriving(Display) positional format, nested struct fields, empty struct, to_string method, §6.3 §8
struct Point do
  x :: Int
  y :: Int
end deriving(Display, Eq)

struct Labeled do
  label :: String
  at :: Point
end deriving(Display)

struct Empty do
end deriving(Display)

fn main() do
  let p = Point { x: 1, y: 2 }
  println("#{p}")
  println(p.to_string())
  let l = Labeled { label: "home", at: p }
  println("#{l}")
  println("#{Empty {}}")
  println("#{[p, Point { x: 3, y: 4 }]}")
end

# expect:
# Point(1, 2)
# Point(1, 2)
# Labeled(home, Point(1, 2))
# Empty()
# [Point(1, 2), Point(3, 4)]
