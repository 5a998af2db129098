# checks: E0015 self() outside an actor body, §10.1 §14
fn main() do
  let me = self() # ERROR "self\(\) used outside actor"
end
