# checks: case guards accept any Bool expression (§5.8 Recommended): arithmetic, field access, unary minus, qualified calls, function calls
struct P do
  x :: Int
end

fn is_small(n :: Int) -> Bool = n < 10

fn kind(n :: Int) -> String do
  case n do
    k when k % 2 == 0 and is_small(k) -> "small even"
    k when -k > 5 -> "very negative"
    k when is_small(k) -> "small odd"
    _ -> "big"
  end
end

fn main() do
  println(kind(4))
  println(kind(-9))
  println(kind(3))
  println(kind(40))
  let p = P { x: 5 }
  let r = case p do
    q when q.x > 3 -> "far"
    _ -> "near"
  end
  println(r)
  let s = case "hello" do
    t when String.length(t) > 3 -> "long"
    _ -> "short"
  end
  println(s)
end

# expect:
# small even
# very negative
# small odd
# big
# far
# long
