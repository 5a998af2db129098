# checks: E0001 annotation vs initializer type mismatch, §14
fn main() do
  let x :: Int = "hello" # ERROR "type mismatch"
  println("#{x}")
end
