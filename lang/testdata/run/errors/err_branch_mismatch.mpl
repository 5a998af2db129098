# checks: E0001 in if branches, list elements, Int + Float and Math.pow with Ints; every error is reported, §5.6 §12.2 §14 CONTRACT 6
fn main() do
  let a = if true do 1 else "one" end # ERROR "type mismatch"
  let b = [1, "two"] # ERROR "type mismatch"
  let c = 1 + 2.0 # ERROR "type mismatch"
  let d = Math.pow(2.0, 10) # ERROR "type mismatch"
  let e :: String = 5 # ERROR "type mismatch"
end
