# checks: derived Display/Debug format collection, Option and tuple fields recursively (Recommended in §8)
struct Bag do
  items :: List<Int>
  tags :: Map<String, Int>
  note :: Option<String>
end deriving(Display, Debug)

fn main() do
  let b = Bag { items: [1, 2], tags: %{"a" => 1}, note: Some("hi") }
  println("#{b}")
  println(b.inspect())
  let e = Bag { items: [], tags: %{}, note: None }
  println("#{e}")
end

# expect:
# Bag([1, 2], %{a => 1}, Some(hi))
# Bag { items: [1, 2], tags: %{a => 1}, note: Some(hi) }
# Bag([], %{}, None)
