fn parse(s :: String) -> Result<Int, String> do
  case String.to_int(s) do
    Some(n) -> Ok(n)
    None -> Err("not a number: #{s}")
  end
end

fn sum2(a :: String, b :: String) -> Result<Int, String> do
  let x = parse(a)?
  let y = parse(b)?
  Ok(x + y)
end

fn first_even(xs :: List<Int>) -> Option<Int> do
  let n = List.find(xs, fn x -> x % 2 == 0 end)?
  Some(n * 10)
end

fn main() do
  println("#{sum2("1", "2")}")
  println("#{sum2("1", "x")}")
  println("#{first_even([1, 3, 4])}")
  println("#{first_even([1, 3])}")
  case sum2("40", "2") do
    Ok(v) -> println("ok #{v}")
    Err(e) -> println("err #{e}")
  end
end

# expect:
# Ok(3)
# Err(not a number: x)
# Some(40)
# None
# ok 42
