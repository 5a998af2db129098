# checks: E0045 type alias to an undefined type, §5.10 §14
type Handle = Missing # ERROR "type alias .Handle. references undefined type .Missing."

fn main() do
  println("x")
end
