# checks: generic functions, generic structs with inferred type arguments, generic sum types, where bounds, base-name printing, §4.3 §5.4 §5.11 §6.3
struct Pair<A, B> do
  first :: A
  second :: B
end deriving(Display)

type Tree<T> do
  Leaf
  Node(Tree<T>, T, Tree<T>)
end

fn identity<T>(x :: T) -> T = x

fn swap<A, B>(p :: Pair<A, B>) -> Pair<B, A> do
  Pair { first: p.second, second: p.first }
end

fn show<T>(x :: T) -> String where T: Display do
  "<#{x}>"
end

fn size<T>(t :: Tree<T>) -> Int do
  case t do
    Leaf -> 0
    Node(l, _, r) -> size(l) + 1 + size(r)
  end
end

fn main() do
  println("#{identity(5)} #{identity("five")}")
  let p = Pair { first: 1, second: "x" }
  println("#{p}")
  println("#{swap(p)}")
  println(show(3))
  println(show("s"))
  println(show([1, 2]))
  let t = Node(Node(Leaf, 1, Leaf), 2, Node(Leaf, 3, Leaf))
  println("#{size(t)}")
  let words = Node(Leaf, "only", Leaf)
  println("#{size(words)}")
end

# expect:
# 5 five
# Pair(1, x)
# Pair(x, 1)
# <3>
# <s>
# <[1, 2]>
# 3
# 1
