# checks: E0003 constructor pattern with the wrong number of fields, §5.8 §14
fn main() do
  let r = case Some(1) do
    Some(a, b) -> a # ERROR "arity mismatch"
    None -> 0
  end
  println("#{r}")
end
