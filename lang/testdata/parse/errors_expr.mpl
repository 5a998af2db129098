# Expression, statement and pattern errors with recovery to the next statement.
fn f() do
  let x = ) # ERROR "expected expression, found '\)'"
  let y = 2
  foo(1, 2 # ERROR "expected '\)' to close '\(' opened at 5:6"
  bar()
  let = 3 # ERROR "expected a name or a tuple pattern after 'let'"
  let z 4 # ERROR "expected '=' in 'let'"
  case y do
    [] -> 1 # ERROR "expected a pattern, found '\['"
    1 => 2 # ERROR "expected '->' after pattern"
    n -> return 1 # ERROR "'return' is a statement"
    _ -> 3
  end
  let p = Point { x 1 } # ERROR "expected ':' after field name"
  let q = Point { x:y } # ERROR "missing space after ':'"
  let m = %{1 => 2, 3} # ERROR "expected '=>' in map literal"
  if y > 1 # ERROR "expected 'do' after if condition"
  for 1 in xs do # ERROR "expected a loop variable"
  end
  while true # ERROR "expected 'do' after while condition"
    1
  let t :: = 1 # ERROR "expected a type, found '='"
  let r = fn x => 1 end # ERROR "expected '->' or 'do' after closure parameters"
  let s = a. # ERROR "expected a field or method name after '.'"
  f(a: 1, 2) # ERROR "positional argument after keyword arguments"
  let v = json 1 # ERROR "expected '\{' after 'json'"
  spawn # ERROR "expected '\('"
  let w = "#{}" # ERROR "empty interpolation"
  let n = 99999999999999999999 # ERROR "does not fit in a 64-bit Int"
  let k = -9223372036854775809 # ERROR "does not fit in a 64-bit Int"
  case y do
    "a#{y}" -> 1 # ERROR "string patterns cannot contain interpolation"
    - x -> 2 # ERROR "expected a number after '-' in pattern"
  end
  receive do
    after 1 -> 2
    x -> x # ERROR "the 'after' clause must be the last clause of 'receive'"
  end
  x ) # ERROR "unexpected '\)'"
  let last = 1
end

fn g() do
  if x do
    1
  else
    2
  else # ERROR "unexpected 'else'"
  end
end

fn hints(x: Int) do # ERROR "type annotations use '::', not ':'"
  let y: Int = 1 # ERROR "type annotations use '::'"
  let t = {1, 2} # ERROR "expected expression, found '\{'"
  y = 2 # ERROR "unexpected '='"
end

struct H do
  name: String # ERROR "type annotations use '::'"
end
