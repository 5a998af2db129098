# checks: E0008 impl method whose signature differs from the interface, §6.1 §14
interface Sized do
  fn size(self) -> Int
end

struct Bag do
  n :: Int
end

impl Sized for Bag do fn size(self) -> String = "big" end # ERROR "method .size. in impl .Sized. has wrong signature"

fn main() do
  println("x")
end
