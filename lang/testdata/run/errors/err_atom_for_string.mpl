# checks: an Atom where a String is expected is E0001 naming both Atom and String, §2.5 §14
fn main() do
  println(:ok) # ERROR "Atom.*String|String.*Atom"
end
