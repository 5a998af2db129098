# checks: pub before actor is a parse error with the listed alternatives, §1.4
pub actor worker() do # ERROR "expected .fn., .module., .struct., .interface., .type., or .supervisor. after .pub."
  receive do
    x -> x
  end
end

fn main() do
  println("x")
end
