# checks: deriving(Json): Json.encode of nested structs/lists/options/maps, from_json round trip, Int<->Float leniency, missing Option member, §6.3 §12.13
struct Address do
  city :: String
  zip :: String
end deriving(Json)

struct Person do
  address :: Address
  age :: Int
  emails :: List<String>
  name :: String
  nick :: Option<String>
  score :: Float
  tags :: Map<String, Int>
end deriving(Json)

struct Measure do
  count :: Int
  ratio :: Float
  label :: Option<String>
end deriving(Json)

fn main() do
  let p = Person { address: Address { city: "Oslo", zip: "0150" }, age: 41, emails: ["a@x.io"], name: "Kim", nick: None, score: 9.5, tags: %{"vip" => 1} }
  let text = Json.encode(p)
  println(text)
  case Person.from_json(text) do
    Ok(p2) -> println(p2.name <> " " <> p2.address.city <> " #{p2.age} #{p2.emails} #{p2.score}")
    Err(e) -> println("error: " <> e)
  end
  case Measure.from_json("{\"count\": 3.9, \"ratio\": 7, \"label\": \"x\", \"extra\": [1]}") do
    Ok(m) -> println("#{m.count} #{m.ratio} #{m.label}")
    Err(e) -> println("error: " <> e)
  end
  case Measure.from_json("{\"count\": 1, \"ratio\": 0.5}") do
    Ok(m) -> println("#{m.count} #{m.ratio} #{m.label}")
    Err(e) -> println("error: " <> e)
  end
  let with_nick = %{p | nick: Some("kk"), tags: %{}}
  println(Json.encode(with_nick))
end

# expect:
# {"address":{"city":"Oslo","zip":"0150"},"age":41,"emails":["a@x.io"],"name":"Kim","nick":null,"score":9.5,"tags":{"vip":1}}
# Kim Oslo 41 [a@x.io] 9.5
# 3 7 Some(x)
# 1 0.5 None
# {"address":{"city":"Oslo","zip":"0150"},"age":41,"emails":["a@x.io"],"name":"Kim","nick":"kk","score":9.5,"tags":{}}
