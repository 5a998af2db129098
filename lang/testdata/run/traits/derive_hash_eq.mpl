# checks: deriving Hash gives equal hashes for equal values, default derives (Eq/Ord/Hash) without a deriving clause, §6.3
struct Key do
  a :: Int
  b :: String
end

struct Tagged do
  id :: Int
end deriving(Eq, Hash, Debug)

type Suit do
  Hearts
  Spades
end deriving(Eq, Ord, Hash)

fn main() do
  let k1 = Key { a: 1, b: "x" }
  let k2 = Key { a: 1, b: "x" }
  let k3 = Key { a: 2, b: "x" }
  println("#{k1 == k2} #{k1 == k3} #{k1 < k3}")
  println("#{hash(k1) == hash(k2)}")
  println("#{Tagged { id: 5 }.hash() == Tagged { id: 5 }.hash()}")
  let h1 = Hearts
  let h2 = Hearts
  println("#{h1.hash() == h2.hash()} #{Hearts < Spades}")
  println("#{hash("abc") == hash("ab" <> "c")} #{hash(10) == hash(5 + 5)}")
  println(Tagged { id: 5 }.inspect())
end

# expect:
# true false true
# true
# true
# true true
# true true
# Tagged { id: 5 }
