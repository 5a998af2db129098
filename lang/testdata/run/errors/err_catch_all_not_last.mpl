# checks: E0022 catch-all clause before other clauses, §5.5 §14
fn kind(n) = "any" # ERROR "catch-all"
fn kind(0) = "zero"

fn main() do
  println(kind(0))
end
