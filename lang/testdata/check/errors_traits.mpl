# trait, impl and deriving errors
interface Shape2D do
  fn area(self) -> Float
  fn name(self) -> String
end

struct Sq do
  side :: Float
end

impl Shape2D for Sq do # ERROR "E0007 impl `Shape2D` for `Sq` is missing method `name`"
  fn area(self) -> Float = self.side * self.side
end

struct Circ do
  r :: Float
end

impl Shape2D for Circ do
  fn area(self) -> Int = 3 # ERROR "E0008 method `area` in impl `Shape2D` has wrong signature"
  fn name(self) -> String = "circle"
end

impl Shape2D for Circ do # ERROR "E0026 duplicate impl: `Shape2D` is already implemented for `Circ`"
  fn area(self) -> Float = 1.0
  fn name(self) -> String = "c"
end

struct Bad do
  v :: Int
end deriving(Eq, Frob) # ERROR "E0028 cannot derive `Frob` for `Bad`"

struct NoEq do
  v :: Int
end deriving(Ord) # ERROR "E0029 deriving `Ord` for `NoEq` requires `Eq` to also be derived"

struct Blob do # ERROR "E0038 field `f` of type `Fun\(Int\) -> Int` is not JSON-serializable"
  f :: Fun(Int) -> Int
end deriving(Json)

struct RowBad do # ERROR "E0039 field `xs` has type `List<Int>` which cannot be mapped from a database row"
  xs :: List<Int>
end deriving(Row)

interface Container do
  type Item
  fn first(self) -> Self.Item
end

struct Box do
  v :: Int
end

impl Container for Box do # ERROR "E0040 impl `Container` for `Box` is missing associated type `Item`"
  fn first(self) -> Int = self.v
end

struct Bag do
  v :: Int
end

impl Container for Bag do
  type Item = Int
  type Extra = String # ERROR "E0041 impl `Container` for `Bag` provides associated type `Extra` which is not declared by the trait"
  fn first(self) -> Int = self.v
end

struct Plain do
  v :: Int
end deriving()

fn show<T>(x :: T) -> String where T: Display do
  "#{x}"
end

fn main() do
  let a = Plain { v: 1 }
  let b = Plain { v: 2 }
  let e = a == b # ERROR "E0006 type `Plain` does not satisfy trait `Eq`"
  let s = show(a) # ERROR "E0006 type `Plain` does not satisfy trait `Display`"
  let t = show(3)
  let u = a + b # ERROR "E0006 type `Plain` does not satisfy trait `Add`"
  println(t)
end

fn enc() -> String = Json.encode(Plain { v: 1 }) # ERROR "E0038 value of type `Plain` is not JSON-serializable"
