# The Mesh code examples of language.md, concatenated: each must parse without errors.

# --- language.md example 000
import Geo.Shapes            # namespace import
from Geo.Shapes import area, Circle, Shape
from Util import (
  slugify,
  clamp,                      # parenthesised list: newlines and a trailing comma allowed
)

# --- language.md example 002
let report = """
    total: #{n}
      (indented two more)
    """
# => "total: 3\n  (indented two more)"   (no trailing newline)

# --- language.md example 004
   List.map(xs, fn x do
     let y = x * 2
     y + 1
   end)
   
# --- language.md example 016
fn describe(0) = "none"
fn describe(1) = "single"
fn describe(n) when n < 0 = "negative"
fn describe(_) = "many"

# --- language.md example 017
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

fn main() do
  let s = Square { side: 3.0 }
  println(s.describe())      # default method
  println("#{area(s)}")      # free-function call form
end

# --- language.md example 018
struct Money do
  cents :: Int
end

impl Add for Money do
  type Output = Money
  fn add(self, other :: Money) -> Money do
    Money { cents: self.cents + other.cents }
  end
end
# Money { cents: 5 } + Money { cents: 7 }  ==>  Money { cents: 12 }

# --- language.md example 019
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

fn main() do
  let c = Celsius.from(21.5)
  let e = Even.try_from(4)              # Ok(Even { n: 4 })
  let e2 :: Result<Even, String> = 7.try_into()   # Err("odd"); needs the annotation
end

# --- language.md example 020
  let odds_squared = for n in 1..8 when n % 2 == 1 do
    n * n
  end
  # [1, 9, 25, 49]
  
# --- language.md example 021
actor accumulator(total :: Int) do
  receive do
    n -> do_add(total, n)
  end
end

# --- language.md example 022
  actor tally(count :: Int) do
    receive do
      k -> tally(count + k)
    end
  end
  
# --- language.md example 023
receive do
  0 -> "zero"
  n when n > 100 -> "big"
  n -> "other #{n}"
after 250 -> "timed out"
end

# --- language.md example 024
service Inventory do
  fn init(start :: Int) -> Int do
    start
  end

  call Count() :: Int do |stock|
    (stock, stock)                 # (new_state, reply)
  end

  call Take(n :: Int) :: Bool do |stock|
    if n <= stock do
      (stock - n, true)
    else
      (stock, false)
    end
  end

  cast Restock(n :: Int) do |stock|
    stock + n                      # new_state
  end
end

fn main() do
  let inv = Inventory.start(5)
  println("#{Inventory.take(inv, 3)}")     # true
  Inventory.restock(inv, 10)
  println("#{Inventory.count(inv)}")       # 12
end

# --- language.md example 025
actor pinger() do
  receive do
    _ -> println("ping")
  end
end

supervisor PingTree do
  strategy: one_for_one
  max_restarts: 5
  max_seconds: 10

  child p1 do
    start: fn -> spawn(pinger) end
    restart: transient
    shutdown: 2000
  end
end

fn main() do
  let sup = spawn(PingTree)
end

# --- language.md example 026
let evens_squared = Iter.from([1, 2, 3, 4, 5, 6])
  |> Iter.filter(fn n -> n % 2 == 0 end)
  |> Iter.map(fn n -> n * n end)
  |> List.collect()
# [4, 16, 36]
let by_index = Iter.from(["ab", "cde"])
  |> Iter.enumerate()
  |> Map.collect()
# %{0 => ab, 1 => cde}

# --- language.md example 027
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
  let d = Deck { cards: ["7H", "QS"] }
  for c in d do
    println(c)
  end
end

# --- language.md example 028
fn hello(req :: Request) -> Response do
  let who = case Request.param(req, "name") do
    Some(n) -> n
    None -> "anon"
  end
  HTTP.response(200, "{\"hi\":\"#{who}\"}")
end

fn require_key(req :: Request, next :: Fun(Request) -> Response) -> Response do
  case Request.header(req, "x-key") do
    Some(_) -> next(req)
    None -> HTTP.response(401, "denied")
  end
end

fn main() do
  let r = HTTP.router()
    |> HTTP.use(require_key)
    |> HTTP.on_get("/hello/:name", hello)
  HTTP.serve(r, 8080)
end

# --- language.md example 029
fn double(x :: Int) -> Int = x * 2

test("doubles small numbers") do
  assert(double(2) == 4)
  assert_eq("#{double(3)}", "6")
end

describe("edge cases") do
  setup do
    println("before each")
  end
  teardown do
    println("after each")
  end

  test("negative") do
    assert_ne("#{double(-1)}", "2")
  end
end
