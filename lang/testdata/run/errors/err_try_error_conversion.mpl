# checks: E0036 ? whose error type differs from the function's and has no From impl, §5.9 §14
struct Failure do
  code :: Int
end

fn low() -> Result<Int, String> = Err("x")

fn high() -> Result<Int, Failure> do
  let v = low()? # ERROR "operator"
  Ok(v)
end

fn main() do
  println("x")
end
