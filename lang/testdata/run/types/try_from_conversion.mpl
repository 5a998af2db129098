# checks: ? converts the error type through an impl From<E> for F, §5.9 §6.4
struct AppError do
  msg :: String
end

impl From<String> for AppError do
  fn from(s :: String) -> AppError do
    AppError { msg: "app: " <> s }
  end
end

fn low(n :: Int) -> Result<Int, String> do
  if n > 0 do
    Ok(n)
  else
    Err("non-positive")
  end
end

fn high(n :: Int) -> Result<Int, AppError> do
  let v = low(n)?
  Ok(v * 100)
end

fn main() do
  case high(3) do
    Ok(v) -> println("#{v}")
    Err(e) -> println(e.msg)
  end
  case high(-1) do
    Ok(v) -> println("#{v}")
    Err(e) -> println(e.msg)
  end
end

# expect:
# 300
# app: non-positive
