# checks: String.to_int and String.to_float accepted and rejected inputs, String.from, §12.1
fn int_text(s :: String) -> String do
  case String.to_int(s) do
    Some(n) -> "#{n}"
    None -> "none"
  end
end

fn float_text(s :: String) -> String do
  case String.to_float(s) do
    Some(f) -> "#{f}"
    None -> "none"
  end
end

fn main() do
  let ints = [" 42 ", "-17", "+5", "1.5", "0x10", "1_000", "", "99999999999999999999", "12a", "9223372036854775807"]
  println(String.join(List.map(ints, int_text), " "))
  let floats = ["3.14", "-2", "1e3", ".5", "5.", "inf", "NaN", "abc", " 2.5 ", "-INF"]
  println(String.join(List.map(floats, float_text), " "))
  println(String.from(-3) <> " " <> String.from(0.25) <> " " <> String.from(false))
end

# expect:
# 42 -17 5 none none none none none none 9223372036854775807
# 3.14 -2 1000 0.5 5 inf NaN none 2.5 -inf
# -3 0.25 false
