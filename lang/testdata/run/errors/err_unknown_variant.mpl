# checks: E0010 unknown qualified variant, §14
type Color do
  Red
  Blue
end

fn main() do
  let c = Color.Purple # ERROR "unknown variant .Purple."
end
