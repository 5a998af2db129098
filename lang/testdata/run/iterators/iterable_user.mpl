# checks: user Iterable impl drives for comprehensions and iter() pipelines; for result printed with to_string(), §11.7 §6.2
struct Deck do
  cards :: List<String>
end

impl Iterable for Deck do
  type Item = String
  type Iter = ListIterator
  fn iter(self) -> ListIterator do
    Iter.from(self.cards)
  end
end

fn main() do
  let d = Deck { cards: ["7H", "QS", "2C"] }
  for c in d do
    println(c)
  end
  let marked = for c in d when c != "QS" do
    c <> "!"
  end
  println(marked.to_string())
  let n = d.iter() |> Iter.count()
  println("#{n}")
  let lower = iter(d) |> Iter.map(fn c -> String.to_lower(c) end) |> List.collect()
  println("#{lower}")
end

# expect:
# 7H
# QS
# 2C
# [7H!, 2C!]
# 3
# [7h, qs, 2c]
