# checks: from_json error texts (missing field, expected <Type>), invalid JSON gives Err, §12.13
struct Point do
  x :: Int
  y :: Int
end deriving(Json)

struct Named do
  name :: String
  tags :: List<String>
  ok :: Bool
end deriving(Json)

fn show(r :: Result<Point, String>) -> String do
  case r do
    Ok(p) -> "ok #{p.x},#{p.y}"
    Err(e) -> "err " <> e
  end
end

fn show_named(r :: Result<Named, String>) -> String do
  case r do
    Ok(n) -> "ok " <> n.name
    Err(e) -> "err " <> e
  end
end

fn main() do
  println(show(Point.from_json("{\"x\": 1, \"y\": 2}")))
  println(show(Point.from_json("{\"x\": 1}")))
  println(show(Point.from_json("{\"x\": \"1\", \"y\": 2}")))
  let bad = case Point.from_json("{not json") do
    Ok(_) -> "parsed?"
    Err(_) -> "invalid json rejected"
  end
  println(bad)
  println(show_named(Named.from_json("{\"name\": 5, \"tags\": [], \"ok\": true}")))
  println(show_named(Named.from_json("{\"name\": \"a\", \"tags\": {}, \"ok\": true}")))
  println(show_named(Named.from_json("{\"name\": \"a\", \"tags\": [], \"ok\": 1}")))
  println(show_named(Named.from_json("[1, 2]")))
end

# expect:
# ok 1,2
# err missing field: y
# err expected Int
# invalid json rejected
# err expected String
# err expected Array
# err expected Bool
# err expected Object
