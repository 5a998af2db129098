# Every declaration, statement and expression form of language.md §4 in one valid file.
import Geo.Shapes
from Geo.Shapes import area, Circle
from Util import (
  slugify,
  clamp,
)

##! module doc
## doc comment
#= block #= nested =# still =#
pub struct Point do
  x :: Int
  y :: Int
end deriving(Eq, Display)

type Shape do
  Circle(Float)
  Rect(w :: Float, h :: Float)
  Empty
end

type UserId = Int
type Res = Int!String?

interface Shape2D do
  type Item
  fn area(self) -> Float
  fn describe(self) -> String do
    "shape with area #{self.area()}"
  end
end

impl Add for Money do
  type Output = Money
  fn add(self, other :: Money) -> Money do
    Money { cents: self.cents + other.cents }
  end
end

impl From<Float> for Celsius do
  fn from(d :: Float) -> Celsius do
    Celsius { deg: d }
  end
end

@cluster pub fn add() -> Int do
  1 + 1
end

@cluster(3) pub fn retry() -> Int = 0x1F + 0b101 + 0o17 + 1_000

fn fact(0) = 1
fn fact(n) when n > 0 = n * fact(n - 1)

fn show<T>(x :: T) -> String where T: Display do
  "${x}"
end

actor accumulator(total :: Int) do
  receive do
    0 -> "zero"
    n when n > 100 -> "big"
    n -> accumulator(total + n)
  after 250 -> "timed out"
  end
  terminate do
    println("bye")
  end
end

service Inventory do
  fn init(start :: Int) -> Int do
    start
  end

  call Count() :: Int do |stock|
    (stock, stock)
  end

  cast Restock(n :: Int) do |stock|
    stock + n
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
  let s = Square { side: 3.0 }
  let (a, b) :: (Int, Int) = (1, 2)
  let xs = [1, 2, 3]
  let m = %{"a" => 1, "b" => 2}
  let u = %{ s | side: 4.0 }
  let j = json { name: "x", type: 1 }
  let r = ~r/a\/b+/im
  let evens = Iter.from([1, 2, 3, 4, 5, 6])
    |> Iter.filter(fn n -> n % 2 == 0 end)
    |> Iter.map(fn n -> n * n end)
    |> List.collect()
  let t = xs |2> foo(1)
  if a > b and not false do
    println("a")
  else if b > a do
    println("b")
  else
    println("c")
  end
  case x do
    Some(v) | Ok(v) -> v
    Shape.Circle(r) -> r
    (1, _) -> 2
    -5 -> 3
    h :: t -> h
    :ok -> 4
    "str" as w -> w
    _ -> do
      let z = 1
      z
    end
  end
  for x in 0..10 when x > 2 do
    println("#{x}")
  end
  for {k, v} in m do
    continue
  end
  while true do
    break
  end
  let f = fn x, y -> x + y end
  let g = fn 0 -> "zero" | n -> "other" end
  let h = fn(x :: Int) -> x end
  let k = fn (a, b) do
    a + b
  end
  let l = fn do 1 end
  List.map(xs, fn x do
    let y = x * 2
    y + 1
  end)
  let pid = spawn(accumulator, 0)
  send(pid, 5)
  link(pid)
  let me = self()
  let q = f(1, name: "a", age: 3)?
  let idx = xs[0]
  println("a #{f("b#{x}")} c")
  let rep = """
    total: #{n}
      (indented two more)
    """
  let sum = a+b-c*d/e%f
  let cmp = a == b || a != b && a <= b or a >= b and a < b
  let cat = "a" <> "b" ++ "c"
  let neg = -x.abs() + !ok
  let r2 = 1..10
  let f2 = 1.5e3 + 2E-2 + 6.02E+23
  let big = -9223372036854775808
  let kw = Node.self()
  let mon = Process.monitor(pid)
  let q2 = Query.where(q, :f, v)
  let cs = Changeset.cast(c, p)
  let unit = ()
  let one = (1,)
  let self_ref = self
  match x do
    1 -> :one
  end
  return
end

module Util do
  fn helper() = 1
end

pub module Other do
end

fn early(x) do
  if x do
    return 1
  end
  2
end

test("doubles small numbers") do
  assert(double(2) == 4)
  assert_receive (:ok, x), 500
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

pub struct User do
  table "users"
  primary_key :id
  timestamps true
  belongs_to :org, Org
  has_many :posts, Post
  has_one :profile, Profile
  name :: String
  email :: String?
  tags :: List<String>
  callback :: Fun(Int, String) -> Bool
  pair :: (Int, Float)
  res :: Int!String
  alias_ref :: Types.UserId
end deriving(Json, Row, Schema)

pub struct Empty do
end deriving()

type Pair<A, B> do
  Pair(A, B)
end

def apply(f :: Fun(Int) -> Int, x :: Int) -> Int = f(x)

fn nothing() do
  nil
end

impl Iterable for Bag where T: Display do
  type Item = Int
  type Iter = ListIterator
  fn iter(self) -> Self.Iter do
    Iter.from(self.items)
  end
end
