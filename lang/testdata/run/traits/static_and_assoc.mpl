# checks: static interface methods (Type.method()), associated types with Self.Item, user Default impl, §6.1 §6.2
interface Container do
  type Item
  fn first(self) -> Self.Item
  fn label() -> String
end

struct Names do
  all :: List<String>
end

struct Numbers do
  all :: List<Int>
end

impl Container for Names do
  type Item = String
  fn first(self) -> String = List.head(self.all)
  fn label() -> String = "names"
end

impl Container for Numbers do
  type Item = Int
  fn first(self) -> Int = List.head(self.all)
  fn label() -> String = "numbers"
end

struct Config do
  retries :: Int
  host :: String
end

impl Default for Config do
  fn default() -> Config = Config { retries: 3, host: "localhost" }
end

fn main() do
  let n = Names { all: ["ann", "bob"] }
  let k = Numbers { all: [7, 8] }
  println(n.first() <> " " <> Names.label())
  println("#{k.first() + 1} " <> Numbers.label())
  let c :: Config = default()
  println("#{c.retries} #{c.host}")
  let c2 = Config.default()
  println(c2.host)
end

# expect:
# ann names
# 8 numbers
# 3 localhost
# localhost
