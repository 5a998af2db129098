# checks: From/TryFrom user impls, Type.from, Type.try_from, try_into with annotation, built-in Float.from and String.from, §6.4
struct Celsius do
  deg :: Float
end

impl From<Float> for Celsius do
  fn from(d :: Float) -> Celsius = Celsius { deg: d }
end

struct Even do
  n :: Int
end

impl TryFrom<Int> for Even do
  fn try_from(n :: Int) -> Result<Even, String> do
    if n % 2 == 0 do
      Ok(Even { n: n })
    else
      Err("odd")
    end
  end
end

fn show(r :: Result<Even, String>) -> String do
  case r do
    Ok(e) -> "even #{e.n}"
    Err(m) -> "rejected: " <> m
  end
end

fn main() do
  let c = Celsius.from(21.5)
  println("#{c.deg}")
  println(show(Even.try_from(4)))
  println(show(Even.try_from(5)))
  let e2 :: Result<Even, String> = 8.try_into()
  println(show(e2))
  let e3 :: Result<Even, String> = 7.try_into()
  println(show(e3))
  println("#{Float.from(42)}")
  println("#{Float.from(3) / 2.0}")
  println(String.from(12) <> String.from(2.5) <> String.from(true))
end

# expect:
# 21.5
# even 4
# rejected: odd
# even 8
# rejected: odd
# 42
# 1.5
# 122.5true
