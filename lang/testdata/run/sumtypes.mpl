type Shape do
  Circle(Float)
  Rect(Float, Float)
  Empty
end deriving(Display)

type Color do
  Red
  Green(Int)
end

fn area(s :: Shape) -> Float do
  case s do
    Circle(r) -> 3.0 * r * r
    Rect(w, h) -> w * h
    Empty -> 0.0
  end
end

fn main() do
  let shapes = [Circle(1.5), Rect(2.0, 3.0), Empty]
  for s in shapes do
    println("#{s}: #{area(s)}")
  end
  println("#{Red} #{Green(3)}")
  let c = Shape.Rect(1.0, 1.0)
  println("#{area(c)}")
end

# expect:
# Circle(1.5): 6.75
# Rect(2, 3): 6
# Empty: 0
# Red Green(...)
# 1
