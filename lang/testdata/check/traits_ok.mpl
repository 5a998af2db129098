# traits, impls, deriving, operators, From/TryFrom, Iterable: all well typed
interface Shape2D do
  fn area(self) -> Float
  fn describe(self) -> String do
    "shape with area #{self.area()}"
  end
end

struct Square do
  side :: Float
end

impl Shape2D for Square do
  fn area(self) -> Float do
    self.side * self.side
  end
end

struct Money do
  cents :: Int
end deriving(Eq, Display)

impl Add for Money do
  type Output = Money
  fn add(self, other :: Money) -> Money do
    Money { cents: self.cents + other.cents }
  end
end

struct Celsius do
  deg :: Float
end

impl From<Float> for Celsius do
  fn from(d :: Float) -> Celsius do
    Celsius { deg: d }
  end
end

struct Even do
  n :: Int
end

impl TryFrom<Int> for Even do
  fn try_from(n :: Int) -> Result<Even, String> do
    if n % 2 == 0 do
      Ok(Even { n: n })
    else
      Err("odd")
    end
  end
end

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

type Color do
  Red
  Green
end deriving(Eq, Ord, Display)

fn show<T>(x :: T) -> String where T: Display do
  x.to_string()
end

fn parse(s :: String) -> Result<Int, String> do
  let n = case String.to_int(s) do
    Some(v) -> v
    None -> 0
  end
  Ok(n)
end

fn total(a :: String, b :: String) -> Result<Int, String> do
  let x = parse(a)?
  let y = parse(b)?
  Ok(x + y)
end

fn main() do
  let s = Square { side: 3.0 }
  println(s.describe())
  println("#{area(s)}")
  let m = Money { cents: 5 } + Money { cents: 7 }
  println(m.to_string())
  println("#{m == Money { cents: 12 }}")
  let c = Celsius.from(21.5)
  println("#{c.deg}")
  let e = Even.try_from(4)
  let e2 :: Result<Even, String> = 7.try_into()
  let d = Deck { cards: ["7H", "QS"] }
  let shown = for card in d do
    card <> "!"
  end
  println(shown.to_string())
  println(show(Red))
  println("#{Red < Green} #{compare(1, 2)}")
  let t = total("1", "2")
  let z :: Int = default()
  println("#{z} #{Float.from(3) / 2.0} #{String.from(12)}")
end

struct Evens do
  src :: Iter<Int>
end

impl Iterator for Evens do
  type Item = Int
  fn next(self) -> Option<Int> do
    case Iter.next(self.src) do
      Some(n) -> if n % 2 == 0 do Some(n) else self.next() end
      None -> None
    end
  end
end

fn counts() -> List<Int> do
  for i in Evens { src: Iter.from([1, 2, 3, 4]) } do
    i * 2
  end
end

struct Row2 do
  a :: Int
  tags :: List<String>
  note :: Option<String>
end deriving(Json)

fn encode_all() -> String do
  let r = Row2 { a: 1, tags: ["x"], note: None }
  Json.encode(r) <> Json.encode([r]) <> Json.encode(%{"k" => r}) <> Json.encode("s")
end

struct Loose do
  v :: Float
end

impl Eq for Loose do
  fn eq(self, other :: Loose) -> Bool = Float.to_int(self.v) == Float.to_int(other.v)
end

fn loose_eq() -> Bool = Loose { v: 1.2 } == Loose { v: 1.7 }

fn trait_qualified() -> String do
  let s = Square { side: 2.0 }
  "#{Shape2D.area(s)} #{Display.to_string(3)}"
end
