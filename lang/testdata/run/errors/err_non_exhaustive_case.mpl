# checks: E0012 non-exhaustive case over a sum type is an error naming the missing variant, §5.6 §14
type Light do
  Red
  Amber
  Green
end

fn action(l :: Light) -> String do
  case l do # ERROR "non-exhaustive match.*Green"
    Red -> "stop"
    Amber -> "wait"
  end
end

fn main() do
  println(action(Red))
end
