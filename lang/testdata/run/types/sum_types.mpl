# checks: sum types with payloads, nullary variants, qualified constructors, named variant fields, exhaustive case, §4.5 §5.11
type Shape do
  Circle(Float)
  Rect(Float, Float)
  Dot
end

type Event do
  Click(x :: Int, y :: Int)
  Key(code :: Int)
end

fn area(s :: Shape) -> Float do
  case s do
    Circle(r) -> 3.0 * r * r
    Rect(w, h) -> w * h
    Dot -> 0.0
  end
end

fn describe(e :: Event) -> String do
  case e do
    Event.Click(x, y) -> "click at #{x},#{y}"
    Key(c) -> "key #{c}"
  end
end

fn main() do
  let shapes = [Circle(1.0), Rect(2.0, 3.5), Dot, Shape.Circle(2.0)]
  for s in shapes do
    println("#{area(s)}")
  end
  println(describe(Click(3, 4)))
  println(describe(Event.Key(13)))
  let is_dot = case Dot do
    Dot -> true
    _ -> false
  end
  println("#{is_dot}")
end

# expect:
# 3
# 7
# 0
# 12
# click at 3,4
# key 13
# true
