# checks: generic structs and sum types deriving Display/Eq/Ord instantiate per type argument and print the base name, §6.3
struct Box<T> do
  value :: T
end deriving(Display, Eq, Ord)

type Maybe<T> do
  Nope
  Just(T)
end deriving(Display, Eq)

fn main() do
  println("#{Box { value: 1 }}")
  println("#{Box { value: "hello" }}")
  println("#{Box { value: Box { value: 2.5 } }}")
  println("#{Box { value: 1 } == Box { value: 1 }} #{Box { value: 1 } < Box { value: 2 }}")
  println("#{Just("x")} #{Just(3)}")
  let n :: Maybe<Int> = Nope
  println("#{n} #{n == Just(1)}")
end

# expect:
# Box(1)
# Box(hello)
# Box(Box(2.5))
# true true
# Just(x) Just(3)
# Nope false
