# checks: E0044 slot pipe position beyond the callee's arity, §5.6 §14
fn add(a :: Int, b :: Int) -> Int = a + b

fn main() do
  println("#{5 |3> add(1)}") # ERROR "slot position 3 is out of range"
end
