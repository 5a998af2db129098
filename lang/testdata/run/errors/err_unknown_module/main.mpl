# checks: E0031 importing an unknown module, §1.3 §14
import Nowhere.Land # ERROR "module .Nowhere.Land. not found"

fn main() do
  println("x")
end
