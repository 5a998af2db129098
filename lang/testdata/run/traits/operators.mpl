# checks: user impls of Add/Sub/Mul/Neg/Eq/Ord make operators work on user types; != > <= >= derived from eq/lt, §6.2 §5.6
struct Vec2 do
  x :: Int
  y :: Int
end deriving(Display)

impl Add for Vec2 do
  type Output = Vec2
  fn add(self, other :: Vec2) -> Vec2 = Vec2 { x: self.x + other.x, y: self.y + other.y }
end

impl Sub for Vec2 do
  type Output = Vec2
  fn sub(self, other :: Vec2) -> Vec2 = Vec2 { x: self.x - other.x, y: self.y - other.y }
end

impl Mul for Vec2 do
  type Output = Int
  fn mul(self, other :: Vec2) -> Int = self.x * other.x + self.y * other.y
end

impl Neg for Vec2 do
  type Output = Vec2
  fn neg(self) -> Vec2 = Vec2 { x: 0 - self.x, y: 0 - self.y }
end

impl Eq for Vec2 do
  fn eq(self, other :: Vec2) -> Bool = self.x == other.x and self.y == other.y
end

impl Ord for Vec2 do
  fn lt(self, other :: Vec2) -> Bool = self.x * self.x + self.y * self.y < other.x * other.x + other.y * other.y
end

fn main() do
  let a = Vec2 { x: 1, y: 2 }
  let b = Vec2 { x: 3, y: 4 }
  println("#{a + b}")
  println("#{b - a}")
  println("#{a * b}")
  println("#{-a}")
  println("#{a + b + a}")
  println("#{a == Vec2 { x: 1, y: 2 }} #{a != b}")
  println("#{a < b} #{a > b} #{a <= a} #{b >= a}")
end

# expect:
# Vec2(4, 6)
# Vec2(2, 2)
# 11
# Vec2(-1, -2)
# Vec2(5, 8)
# true true
# true false true true
