# generic interfaces, trait type arguments, where clauses, generic structs and sum types
interface Convert<T> do
  fn convert(self) -> T
end

struct Meters do
  v :: Float
end

impl Convert<Int> for Meters do
  fn convert(self) -> Int = Float.to_int(self.v)
end

struct Pair<A, B> do
  first :: A
  second :: B
end deriving(Eq, Display)

type Tree<T> do
  Leaf
  Node(Tree<T>, T, Tree<T>)
end

fn insert(t :: Tree<Int>, x :: Int) -> Tree<Int> do
  case t do
    Leaf -> Node(Leaf, x, Leaf)
    Node(l, v, r) -> if x < v do Node(insert(l, x), v, r) else Node(l, v, insert(r, x)) end
  end
end

fn size(t) do
  case t do
    Leaf -> 0
    Node(l, _, r) -> size(l) + 1 + size(r)
  end
end

fn describe<T>(x :: T) -> String where T: Display do
  "<#{x}>"
end

fn swap<A, B>(p :: Pair<A, B>) -> Pair<B, A> = Pair { first: p.second, second: p.first }

fn main() do
  let m = Meters { v: 3.7 }
  let n :: Int = m.convert()
  let p = Pair { first: 1, second: "one" }
  let q = swap(p)
  let s :: String = q.first
  let t = insert(insert(Leaf, 2), 1)
  println("#{n} #{s} #{size(t)} #{describe(p)} #{describe(3)}")
  let bad :: Int = q.first # ERROR "E0001 type mismatch: expected `Int`, found `String`"
  let wrong = Pair { first: 1, second: 2 } == Pair { first: "a", second: 2 } # ERROR "E0001"
end

fn not_generic<T>(x :: T) -> Int = x # ERROR "E0001 type mismatch: expected `Int`, found `T`"

fn first<T>(xs :: List<T>) -> T = List.head(xs)

fn keep<T>(x :: T) -> T do
  let again = keep(x)
  again
end

interface Area do
  fn area(self) -> Float
end

struct Sq do
  s :: Float
end

impl Area for Sq do
  fn area(self) -> Float = self.s * self.s
end

fn total<T>(xs :: List<T>) -> Float where T: Area do
  List.reduce(xs, 0.0, fn acc, x -> acc + x.area() end)
end

fn use_total() -> Float do
  let ok = total([Sq { s: 2.0 }])
  let bad = total([1, 2]) # ERROR "E0006 type `Int` does not satisfy trait `Area`"
  ok
end

type Twice<T> = (T, T)
type Handler = Fun(Int) -> String

fn both(p :: Twice<Int>) -> Int do
  let (a, b) = p
  a + b
end

fn run(h :: Handler) -> String = h(1)

fn aliases() -> Int do
  let s = run(fn n -> "#{n}" end)
  let bad = both(("a", "b")) # ERROR "E0001 type mismatch: expected `\(Int, Int\)`, found `\(String, String\)`"
  both((1, 2))
end
