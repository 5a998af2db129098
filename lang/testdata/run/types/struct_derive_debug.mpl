# checks: deriving(Debug) inspect format, Debug of String quotes, Display preferred over Debug, §6.3 §8
struct Item do
  name :: String
  qty :: Int
end deriving(Debug)

struct Both do
  v :: Int
end deriving(Debug, Display)

struct Nothing do
end deriving(Debug)

fn main() do
  let i = Item { name: "bolt", qty: 4 }
  println(i.inspect())
  println(inspect(i))
  println("#{i}")
  let b = Both { v: 9 }
  println("#{b}")
  println(b.inspect())
  println("#{Nothing {}}")
  println("hi".inspect())
  println(42.inspect())
  println(true.inspect())
  println(1.5.inspect())
end

# expect:
# Item { name: bolt, qty: 4 }
# Item { name: bolt, qty: 4 }
# Item { name: bolt, qty: 4 }
# Both(9)
# Both { v: 9 }
# Nothing {}
# "hi"
# 42
# true
# 1.5
