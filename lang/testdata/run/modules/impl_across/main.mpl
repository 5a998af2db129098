# checks: impls and pub interfaces defined in another module apply in the importing module; derived Display of imported struct, §1.4 §6.1
import Model
from Model import Money, describe_all

impl Describe for Int do
  fn describe(self) -> String = "int #{self}"
end

fn main() do
  let m = Money { cents: 250 }
  println(m.describe())
  println("#{m}")
  println(describe_all([Money { cents: 1 }, Money { cents: 2 }]))
  println(5.describe())
end

# expect:
# 250 cents
# Money(250)
# 1 cents, 2 cents
# int 5
