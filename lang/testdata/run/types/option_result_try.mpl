# checks: Option/Result values, the ? operator on Result and Option, early return of Err/None, T? and T!E shorthands, §4.4 §5.9 §12.7
fn parse(s :: String) -> Result<Int, String> do
  case String.to_int(s) do
    Some(n) -> Ok(n)
    None -> Err("not a number: " <> s)
  end
end

fn add_strings(a :: String, b :: String) -> Result<Int, String> do
  let x = parse(a)?
  let y = parse(b)?
  Ok(x + y)
end

fn first_even(xs :: List<Int>) -> Int? do
  List.find(xs, fn x -> x % 2 == 0 end)
end

fn double_first_even(xs :: List<Int>) -> Option<Int> do
  let v = first_even(xs)?
  Some(v * 2)
end

fn checked_div(a :: Int, b :: Int) -> Int!String do
  if b == 0 do
    Err("div by zero")
  else
    Ok(a / b)
  end
end

fn show_result(r :: Result<Int, String>) -> String do
  case r do
    Ok(v) -> "ok #{v}"
    Err(e) -> "error: " <> e
  end
end

fn show_option(o :: Option<Int>) -> String do
  case o do
    Some(v) -> "some #{v}"
    None -> "none"
  end
end

fn main() do
  println(show_result(add_strings("2", "40")))
  println(show_result(add_strings("2", "x")))
  println(show_result(add_strings("y", "x")))
  println(show_option(double_first_even([1, 3, 4, 6])))
  println(show_option(double_first_even([1, 3])))
  println(show_result(checked_div(7, 2)))
  println(show_result(checked_div(7, 0)))
end

# expect:
# ok 42
# error: not a number: x
# error: not a number: y
# some 8
# none
# ok 3
# error: div by zero
