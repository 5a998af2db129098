# checks: E0002 infinite type from self-application, §5.2 §14
fn selfish(x) = x(x) # ERROR "infinite type"

fn main() do
  println("x")
end
