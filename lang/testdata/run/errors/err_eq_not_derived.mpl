# checks: E0006 == on a type that does not implement Eq (deriving() derives nothing), §6.3 §14
struct Opaque do
  v :: Int
end deriving()

fn main() do
  let a = Opaque { v: 1 }
  println("#{a == a}") # ERROR "does not satisfy trait .Eq."
end
