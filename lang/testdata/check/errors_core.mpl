# type errors of core constructs, one per annotated line
struct Point do
  x :: Int
  y :: Int
end

type Shape do
  Circle(Float)
  Square(Float)
end

fn area(s :: Shape) -> Float do
  case s do # ERROR "E0012 non-exhaustive match on `Shape`: missing patterns \[Square\(_\)\]"
    Circle(r) -> r * r
  end
end

fn sign(n :: Int) -> Int do
  case n do
    _ -> 0
    1 -> 1 # WARN "W0001 redundant match arm at index 1"
  end
end

fn pick(0) = "zero"
fn pick(n) = "other"

fn pick2(n) = "any" # ERROR "E0022 catch-all clause must be the last clause of function `pick2/1`"
fn pick2(0) = "zero"

fn dup(x :: Int) -> Int = x
fn other() = 1
fn dup(x :: Int) -> Int = x + 1 # ERROR "E0023 function `dup/1` already defined"

fn need_result() -> Int do
  let v = String.to_int("1")? # ERROR "E0036 `\?` operator requires function to return `Result` or `Option`, found `Int`"
  v
end

fn try_int() -> Option<Int> do
  let n = 5? # ERROR "E0037 `\?` operator requires `Result` or `Option`, found `Int`"
  Some(n)
end

fn main() do
  let p = Point { x: 1 } # ERROR "E0009 missing field `y` in struct `Point`"
  let q = Point { x: 1, y: 2, z: 3 } # ERROR "E0009 unknown field `z` in struct `Point`"
  let r = q.w # ERROR "E0009 type `Point` has no field `w`"
  let n = 5
  n(1) # ERROR "E0005 `Int` is not a function"
  let c = Triangle(1.0) # ERROR "E0010 unknown variant `Triangle`"
  break # ERROR "E0032 `break` outside of loop"
  continue # ERROR "E0033 `continue` outside of loop"
  let g = case 3 do
    x when x + 1 -> 1 # ERROR "E0025 guard expression must return `Bool`, found `Int`"
    _ -> 2
  end
  let s = "abc".frobnicate() # ERROR "E0030 no method `frobnicate` on type `String`"
  let t = [1, 2] |5> List.append(3) # ERROR "E0044 slot position 5 is out of range: `List.append` takes 2 arguments"
  let me = self() # ERROR "E0015 self\(\) used outside actor block"
  let m = receive do # ERROR "E0017 receive used outside actor block"
    x -> x
  end
  println(42) # ERROR "E0001 type mismatch: expected `String`, found `Int`"
  println(:atom) # ERROR "E0001 .*`String`.*`Atom`"
  let f = 1 + 2.0 # ERROR "E0001 type mismatch: expected `Int`, found `Float`"
  let b = if true do 1 else "x" end # ERROR "E0001"
  let l = [1, "a"] # ERROR "E0001 type mismatch: expected `Int`, found `String`"
  let i = fn x -> x(x) end # ERROR "E0002 infinite type"
  let ok = pick(1) <> pick(0)
  println(ok)
end
