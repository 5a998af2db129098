# checks: sum types deriving Json encode as an object with "tag" and "fields" (checked through Json.get so key order does not matter), §12.13
type Shape do
  Circle(Float)
  Rect(Int, Int)
  Empty
end deriving(Json)

fn main() do
  let c = Json.encode(Circle(1.5))
  println(Json.get(c, "tag") <> " " <> Json.get(c, "fields"))
  let r = Json.encode(Rect(2, 3))
  println(Json.get(r, "tag") <> " " <> Json.get(r, "fields"))
  let e = Json.encode(Empty)
  println(Json.get(e, "tag") <> " " <> Json.get(e, "fields"))
  let whole = Json.encode(Circle(2.0))
  println(Json.get(whole, "fields"))
end

# expect:
# Circle [1.5]
# Rect [2,3]
# Empty []
# [2.0]
