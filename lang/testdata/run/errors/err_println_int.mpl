# checks: println takes a String; passing an Int is E0001, §8.1 §14
fn main() do
  println(42) # ERROR "type mismatch"
end
