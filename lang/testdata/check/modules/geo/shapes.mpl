pub struct Circle do
  r :: Float
end

pub struct Pt do
  x :: Int
  y :: Int
end

pub type Kind do
  Round
  Flat
end

pub fn area(c :: Circle) -> Float = 3.14 * c.r * c.r

pub fn origin() -> Pt = Pt { x: 0, y: 0 }

pub type Meters = Float
