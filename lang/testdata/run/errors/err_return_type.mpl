# checks: E0001 function body type differs from the declared return type, §5.4 §14
fn answer() -> Int = "forty-two" # ERROR "type mismatch"

fn main() do
  println("#{answer()}")
end
