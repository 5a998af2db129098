pub struct Point do
  x :: Int
end

pub fn scale(k :: Int) -> Int do
  let p :: Point = k # ERROR "type mismatch"
  p.x * k
end
