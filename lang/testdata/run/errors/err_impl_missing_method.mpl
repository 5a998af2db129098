# checks: E0007 impl lacking a required method, §6.1 §14
interface Shape do
  fn area(self) -> Float
  fn name(self) -> String
end

struct Sq do
  s :: Float
end

impl Shape for Sq do fn area(self) -> Float = self.s * self.s end # ERROR "missing method .name."

fn main() do
  println("x")
end
