# checks: E0035 importing a private item mentions private and pub, §1.3 §14
from Secrets import hidden # ERROR "private.*pub"

fn main() do
  println("x")
end
