# more diagnostics: or-patterns, aliases, clause arity, annotations on later clauses, slot conflicts
type Url = String
type Broken = Nowhere # ERROR "E0045 type alias `Broken` references undefined type `Nowhere`"

type Sh do
  Circle(Float)
  Square(Float)
end

fn size(s :: Sh) -> Float do
  case s do
    Circle(r) | Square(w) -> 1.0 # ERROR "E0011 or-pattern binding mismatch: expected \[r\], found \[w\]"
  end
end

fn same(s :: Sh) -> Float do
  case s do
    Circle(v) | Square(v) -> v
  end
end

fn f(0) = 0
fn f(n) -> Int = n # WARN "W0002 return type annotation on non-first clause of `f` will be ignored"

fn g(a) = a
fn g(a, b) = a # ERROR "E0024 all clauses of `g` must have the same number of parameters; expected 1, found 2"

fn pair(a :: Int, b :: Int) -> Int = a + b

fn open(u :: Url) -> String = u

fn main() do
  let x = 1 |2> pair(2, 3) # ERROR "E0043 slot position 2 conflicts with an argument already provided to `pair`"
  let y = 1 |2> pair(2)
  println(open("http://x") <> "#{x} #{y} #{f(2)} #{same(Circle(1.0))}")
  let n = Self.Item # ERROR "E0031|E0042"
end

type Light do
  Red
  Green
end

type Paint do
  Blue
  Red # WARN "W0004 variant `Red` is also defined by type `Light`"
end
