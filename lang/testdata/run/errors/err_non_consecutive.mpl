# checks: E0023 same name and arity defined again non-consecutively, §5.5 §14
fn f(n) = "first"

fn g() = 1

fn f(n) = "other" # ERROR "already defined"

fn main() do
  println(f(1))
end
