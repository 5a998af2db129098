# checks: E0026 a second impl of the same trait for the same type, §6.1 §14
interface Named do
  fn name(self) -> String
end

impl Named for Int do fn name(self) -> String = "int" end
impl Named for Int do fn name(self) -> String = "again" end # ERROR "duplicate impl"

fn main() do
  println(name(1))
end
