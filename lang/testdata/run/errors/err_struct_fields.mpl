# checks: E0009 missing field and unknown field in struct literals, field access of an unknown field; all errors reported, §5.6 §14 CONTRACT 6
struct Point do
  x :: Int
  y :: Int
end

fn main() do
  let a = Point { x: 1 } # ERROR "missing field .y."
  let b = Point { x: 1, y: 2, z: 3 } # ERROR "unknown field .z."
  let c = Point { x: 1, y: 2 }
  println("#{c.w}") # ERROR "no field .w."
end
