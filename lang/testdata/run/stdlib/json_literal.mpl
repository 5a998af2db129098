# checks: json { } literals: compact output, nested json embedded, nil/Option/List/Float (1.5, 2.0) encoding, string escapes; keys written in sorted order so source and sorted order agree, §12.13
fn main() do
  let j = json { age: 30, name: "Ann" }
  println(j)
  let missing :: Option<Int> = None
  let nested = json { f: 2.0, list: [1, 2], maybe: Some(3), missing: missing, ok: true, sub: json { x: 1.5 }, z: nil }
  println(nested)
  let esc = json { msg: "line\nnext \"q\" a/b" }
  println(esc)
  let empty = json { }
  println(empty)
  let s :: String = json { k: "v" }
  println(String.length(s) |> Int.to_string())
end

# expect:
# {"age":30,"name":"Ann"}
# {"f":2.0,"list":[1,2],"maybe":3,"missing":null,"ok":true,"sub":{"x":1.5},"z":null}
# {"msg":"line\nnext \"q\" a/b"}
# {}
# 9
