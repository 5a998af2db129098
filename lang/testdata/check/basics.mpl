# core typing: literals, let, functions, if, case, closures, pipes
fn add(a :: Int, b :: Int) -> Int = a + b

fn twice(f, x) = f(f(x))

fn describe(0) = "none"
fn describe(1) = "one"
fn describe(n) when n < 0 = "negative"
fn describe(_) = "many"

fn main() do
  let x = add(1, 2)
  let y = twice(fn n -> n * 2 end, x)
  let s = twice(fn t -> t <> "!" end, "hi")
  println("#{x} #{y} #{s}")
  println(describe(3))
  let xs = [1, 2, 3] |> List.map(fn n -> n + 1 end)
  let total = List.reduce(xs, 0, fn acc, n -> acc + n end)
  println("#{total}")
  let label = if total > 5 do "big" else "small" end
  println(label)
  let r = case Some(3) do
    Some(v) -> v
    None -> 0
  end
  println("#{r}")
  let z = add(1, "two") # ERROR "E0001 type mismatch: expected `Int`, found `String`"
  println(nope) # ERROR "E0004 unbound variable `nope`"
  let w = add(1) # ERROR "E0003 arity mismatch"
  println("#{xs.length()} #{"abc".length()}")
end

fn regexes() -> Bool do
  let ok = ~r/^[a-z]+\d*$/i
  let bad = ~r/(unclosed/ # ERROR "E0052 invalid regex pattern"
  Regex.is_match(ok, "abc1")
end

fn poly_closure() -> Int do
  let add = fn a, b -> a + b end
  let s = add("x", "y") # ERROR "E0006 type `String` does not satisfy trait `Add`"
  add(1, 2)
end

pub fn fmt(a :: Int, b :: Int) -> String = "#{a}/#{b}"
pub fn fmt(a :: Int) -> String = "#{a}"

fn overload_values() -> List<String> do
  let one = List.map([1, 2], fmt)
  let two = List.map([1, 2], fn x -> fmt(x, x) end)
  one ++ two
end
