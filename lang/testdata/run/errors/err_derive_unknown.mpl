# checks: E0028 deriving a trait that is not derivable, §6.3 §14
struct Tag do end deriving(Clone) # ERROR "cannot derive .Clone."

fn main() do
  println("ok")
end
