# checks: E0027 a method provided by two traits for the same type, §5.7 §14
interface Loud do
  fn describe(self) -> String
end

interface Quiet do
  fn describe(self) -> String
end

impl Loud for Int do
  fn describe(self) -> String = "LOUD"
end

impl Quiet for Int do
  fn describe(self) -> String = "quiet"
end

fn main() do
  println(5.describe()) # ERROR "ambiguous method .describe."
end
