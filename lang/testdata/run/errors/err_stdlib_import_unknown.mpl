# checks: E0034 recommended for importing a name a stdlib module does not have (§1.3 Recommended)
from String import nope # ERROR "not exported|nope"

fn main() do
  println("x")
end
