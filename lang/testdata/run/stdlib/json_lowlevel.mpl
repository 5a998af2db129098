# checks: JSON.encode_* helpers, JSON.parse + JSON.encode compact text, Json.get / Json.get_nested text extraction, §12.13
fn main() do
  println(JSON.encode_string("he said \"hi\""))
  println(JSON.encode_int(42) <> " " <> JSON.encode_bool(false))
  println(JSON.encode_map(%{"a" => "1"}))
  println(JSON.encode_list(["x", "y"]))
  case JSON.parse("{ \"a\" : [1, 2.5, true, null, \"s\"] }") do
    Ok(j) -> println(JSON.encode(j))
    Err(_) -> println("parse failed")
  end
  case JSON.parse("{bad") do
    Ok(_) -> println("parsed?")
    Err(_) -> println("parse error")
  end
  let doc = "{\"name\":\"Ann\",\"age\":3,\"ok\":true,\"tags\":[1, 2],\"n\":null,\"inner\":{\"b\":{\"c\":1}}}"
  println(Json.get(doc, "name"))
  println(Json.get(doc, "age") <> " " <> Json.get(doc, "ok"))
  println(Json.get(doc, "tags"))
  println("[" <> Json.get(doc, "n") <> "][" <> Json.get(doc, "missing") <> "][" <> Json.get("oops", "name") <> "]")
  println(Json.get(doc, "inner"))
  println(Json.get_nested(doc, "inner", "b"))
end

# expect:
# "he said \"hi\""
# 42 false
# {"a":"1"}
# ["x","y"]
# {"a":[1,2.5,true,null,"s"]}
# parse error
# Ann
# 3 true
# [1,2]
# [][][]
# {"b":{"c":1}}
# {"c":1}
