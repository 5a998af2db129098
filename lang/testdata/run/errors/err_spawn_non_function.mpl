# checks: E0016 spawn of a non-function, §10.1 §14
fn main() do
  let p = spawn(42) # ERROR "cannot spawn non-function"
end
