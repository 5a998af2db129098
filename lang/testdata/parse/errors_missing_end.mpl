# A forgotten `end` is reported at the next declaration that starts a line,
# and the errors after it are still found.
fn a() do
  if x do
    1

fn b() do # ERROR "expected 'end' to close 'do' block opened at 4:8 before this 'fn' \(found end of file\)"
  let = 2 # ERROR "expected a name or a tuple pattern after 'let'"
end

struct S do
  x Int # ERROR "expected '::' after field name"
end
