# checks: E0003 calling a function with the wrong number of arguments, §5.4 §14
fn add(a :: Int, b :: Int) -> Int = a + b

fn main() do
  println("#{add(1)}") # ERROR "arity mismatch"
end
