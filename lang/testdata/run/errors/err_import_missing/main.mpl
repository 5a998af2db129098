# checks: E0034 importing a name the module does not export, §1.3 §14
from Tools import hammer, saw # ERROR "saw. is not exported by module .Tools."

fn main() do
  println(hammer())
end
