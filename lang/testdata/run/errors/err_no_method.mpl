# checks: E0030 unknown method on a type; to_string on a struct with only Debug is E0030 too, §5.7 §8 §14
struct Plain do
  v :: Int
end

fn main() do
  println(5.frobnicate()) # ERROR "no method .frobnicate."
  let p = Plain { v: 1 }
  println(p.to_string()) # ERROR "no method .to_string."
end
