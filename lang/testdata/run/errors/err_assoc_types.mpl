# checks: E0040 impl missing an associated type and E0041 impl binding an undeclared one, §6.1 §14
interface Source do
  type Item
  fn get(self) -> Self.Item
end

struct A do
  v :: Int
end

struct B do
  v :: Int
end

impl Source for A do fn get(self) -> Int = self.v end # ERROR "missing associated type .Item."
impl Source for B do type Item = Int; type Extra = String; fn get(self) -> Int = self.v end # ERROR "provides associated type .Extra. which is not declared by the trait"

fn main() do
  println("x")
end
