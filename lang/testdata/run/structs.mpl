struct Point do
  x :: Int
  y :: Int
end

struct User do
  name :: String
  age :: Int
end deriving(Display, Eq)

fn main() do
  let p = Point { x: 1, y: 2 }
  println("#{p.x + p.y}")
  println("#{p}")
  let q = %{p | x: 10}
  println("#{q.x} #{p.x}")
  let u = User { age: 3, name: "Ann" }
  println("#{u}")
  println("#{u == User { name: "Ann", age: 3 }}")
end

# expect:
# 3
# Point { x: 1, y: 2 }
# 10 1
# User(Ann, 3)
# true
