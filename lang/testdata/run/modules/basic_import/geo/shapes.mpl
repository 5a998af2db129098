pub type Shape do
  Circle(Float)
  Square(Float)
end

pub struct Origin do
  x :: Int
  y :: Int
end

pub fn area(s :: Shape) -> Float do
  case s do
    Circle(r) -> 3.0 * r * r
    Square(side) -> side * side
  end
end

pub fn name(s :: Shape) -> String do
  case s do
    Circle(_) -> "circle"
    Square(_) -> "square"
  end
end

pub fn is_origin(o :: Origin) -> Bool = o.x == 0 and o.y == 0
