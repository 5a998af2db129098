# checks: E0036 ? in a function whose declared return type is neither Result nor Option, §5.9 §14
fn parse(s :: String) -> Result<Int, String> do
  case String.to_int(s) do
    Some(n) -> Ok(n)
    None -> Err("bad")
  end
end

fn doubled(s :: String) -> Int do
  let n = parse(s)? # ERROR "requires function to return .Result. or .Option., found .Int."
  n * 2
end

fn main() do
  println("#{doubled("2")}")
end
