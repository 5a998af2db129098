# checks: E0025 a function guard that is not Bool, §5.5 §14
fn f(n) when n + 1 = "pos" # ERROR "guard expression must return .Bool., found .Int."
fn f(_) = "other"

fn main() do
  println(f(1))
end
