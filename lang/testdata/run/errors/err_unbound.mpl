# checks: E0004 unknown name, §14
fn main() do
  let a = 1
  println("#{a + nope}") # ERROR "unbound variable .nope."
end
