# checks: E0029 deriving Ord without Eq, §6.3 §14
struct Rank do end deriving(Ord) # ERROR "deriving .Ord. for .Rank. requires .Eq."

fn main() do
  println("ok")
end
