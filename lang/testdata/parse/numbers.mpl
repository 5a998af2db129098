# Numeric literals (§2.5), evaluated correctly (§15).
fn main() do
  let a = 0
  let b = 42
  let c = 1_000_000
  let d = 0xFF + 0XfF + 0x_ff
  let e = 0b1010 + 0B11
  let f = 0o17 + 0O7
  let g = 1.5 + 3.0 + 2e10 + 6.02E+23 + 1e-3
  let h = 1..5
  let i = 4.to_string()
  let j = 9223372036854775807
  let k = -9223372036854775808
  let l = 1_000.5
end
