# checks: case with literal, or, guard, tuple, wildcard, list cons, as, string and nested constructor patterns, §4.10 §5.8 §7.4
fn classify(n :: Int) -> String do
  case n do
    0 -> "zero"
    1 | 2 | 3 -> "small"
    -1 -> "minus one"
    x when x < 0 -> "negative"
    _ -> "large"
  end
end

fn sum(xs :: List<Int>) -> Int do
  case xs do
    h :: t -> h + sum(t)
    _ -> 0
  end
end

fn first_two(xs :: List<String>) -> String do
  case xs do
    a :: b :: _ -> a <> "+" <> b
    a :: _ -> a <> " alone"
    _ -> "empty"
  end
end

fn describe(xs :: List<Int>) -> String do
  case xs do
    h :: _ as all -> "#{h} of #{List.length(all)}"
    _ -> "none"
  end
end

fn point(p :: (Int, Int)) -> String do
  case p do
    (0, 0) -> "origin"
    (0, y) -> "on y at #{y}"
    (x, 0) -> "on x at #{x}"
    (x, y) when x == y -> "diagonal"
    _ -> "plane"
  end
end

fn main() do
  println(classify(0))
  println(classify(2))
  println(classify(-1))
  println(classify(-5))
  println(classify(77))
  println("#{sum([1, 2, 3, 4])}")
  println(first_two(["x", "y", "z"]))
  println(first_two(["x"]))
  println(first_two([]))
  println(describe([7, 8, 9]))
  println(describe([]))
  println(point((0, 0)))
  println(point((0, 5)))
  println(point((4, 0)))
  println(point((3, 3)))
  println(point((1, 2)))
  let cmd = "stop"
  let r = case cmd do
    "go" -> 1
    "stop" -> 2
    _ -> 3
  end
  println("#{r}")
  let nested = case Some(Ok(5)) do
    Some(Ok(v)) -> "ok #{v}"
    Some(Err(_)) -> "err"
    None -> "nothing"
  end
  println(nested)
  let flag = case 1 > 2 do
    true -> "yes"
    false -> "no"
  end
  println(flag)
  let m = match 4 do
    4 -> "four"
    _ -> "other"
  end
  println(m)
end

# expect:
# zero
# small
# minus one
# negative
# large
# 10
# x+y
# x alone
# empty
# 7 of 3
# none
# origin
# on y at 5
# on x at 4
# diagonal
# plane
# 2
# ok 5
# no
# four
