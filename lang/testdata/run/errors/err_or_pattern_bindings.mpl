# checks: E0011 or-pattern alternatives binding different names, §4.10 §14
fn main() do
  let r = case (1, 2) do
    (x, 0) | (0, y) -> 1 # ERROR "or-pattern binding mismatch"
    _ -> 0
  end
  println("#{r}")
end
