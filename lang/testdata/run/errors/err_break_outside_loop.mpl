# checks: E0032 break outside a loop and E0033 continue inside a closure inside a loop, §5.6 §14
fn main() do
  break # ERROR "break.* outside of loop"
  for x in [1, 2] do
    let f = fn -> continue end # ERROR "continue.* outside of loop"
    x
  end
end
