# checks: E0005 calling a non-function value, §14
fn main() do
  let x = 5
  println("#{x(1)}") # ERROR "is not a function"
end
