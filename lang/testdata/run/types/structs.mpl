# checks: struct literals, field access, struct update (copy, original unchanged), default Debug printing, §5.11 §7.1 §8
struct User do
  name :: String
  age :: Int
end

struct Point do
  x :: Float
  y :: Float
end

fn older(u :: User) -> User = %{u | age: u.age + 1}

fn main() do
  let u = User { name: "Ann", age: 3 }
  println(u.name)
  println("#{u.age}")
  let v = older(u)
  println("#{v.age} #{u.age}")
  let w = %{v | name: "Bo", age: 10}
  println("#{w.name} #{w.age}")
  println("#{u}")
  let p = Point { y: 2.5, x: 1.0 }
  println("#{p}")
  println("#{p.x + p.y}")
  let multi = User {
    name: "Cy",
    age: 7,
  }
  println(multi.name)
end

# expect:
# Ann
# 3
# 4 3
# Bo 10
# User { name: Ann, age: 3 }
# Point { x: 1, y: 2.5 }
# 3.5
# Cy
