# checks: E0024 clauses of one function with different numbers of parameters, §5.5 §14
fn pick(0, b) = b
fn pick(a) = a # ERROR "same number of parameters"

fn main() do
  println("#{pick(0, 1)}")
end
