# Lexical errors (§2): each is reported once and scanning continues.
fn main() do
  let a = x |1> f() # ERROR "use '\|>'"
  let b = x |0> f() # ERROR "slot numbers start at 2"
  let c = x |7 f() # ERROR "expected '>' after the slot number"
  let d = a & b # ERROR "unexpected '&'"
  let e = ~x # ERROR "regex literals are written ~r/pattern/flags"
  let f = ~r/abc/ix # ERROR "invalid regex flag 'x'"
  let h = 0x # ERROR "no digits after the base prefix"
  let i = 12abc # ERROR "invalid number literal \"12abc\""
  let j = 0b102 # ERROR "invalid number literal"
  let k = 1 ` 2 # ERROR "invalid character '`'"
  let l = 1
end
#= never closed # ERROR "unterminated block comment"
