# checks: generic functions with where bounds on user traits dispatch on the runtime type, §5.4 §6.1 §16
interface Greeter do
  fn greet(self) -> String
end

struct English do
  name :: String
end

struct French do
  nom :: String
end

impl Greeter for English do
  fn greet(self) -> String = "Hello, " <> self.name
end

impl Greeter for French do
  fn greet(self) -> String = "Bonjour, " <> self.nom
end

fn twice<T>(g :: T) -> String where T: Greeter do
  greet(g) <> " / " <> g.greet()
end

fn both<A, B>(a :: A, b :: B) -> String where A: Greeter, B: Display do
  a.greet() <> " #{b}"
end

fn main() do
  println(twice(English { name: "Ann" }))
  println(twice(French { nom: "Luc" }))
  println(both(French { nom: "Zoe" }, 42))
end

# expect:
# Hello, Ann / Hello, Ann
# Bonjour, Luc / Bonjour, Luc
# Bonjour, Zoe 42
