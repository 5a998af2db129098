# checks: E0037 ? applied to a value that is neither Result nor Option, §5.9 §14
fn f(n :: Int) -> Result<Int, String> do
  let v = n? # ERROR "operator requires .Result. or .Option., found .Int."
  Ok(v)
end

fn main() do
  println("x")
end
