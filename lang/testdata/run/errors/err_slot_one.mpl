# checks: |1> is a lexical error whose message points at |>, §2.6 §14
fn add(a :: Int, b :: Int) -> Int = a + b

fn main() do
  println("#{5 |1> add(1)}") # ERROR "\|>|first argument|error"
end
