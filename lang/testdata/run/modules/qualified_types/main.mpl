# checks: imported public struct and sum types usable unqualified, Type.Variant constructors and Type.from_json of imported types, qualified calls, §1.3 §5.7
import Shop.Catalog

fn main() do
  let item = Product { name: "pen", cents: 150 }
  println(Catalog.label(item))
  let s = Catalog.restock(item, 3)
  println("#{s.cents} " <> s.name)
  let st = Status.Available(3)
  println(Catalog.status_text(st))
  println(Catalog.status_text(SoldOut))
  case Product.from_json("{\"cents\": 99, \"name\": \"cap\"}") do
    Ok(p) -> println(Catalog.label(p))
    Err(e) -> println(e)
  end
end

# expect:
# pen: 1.50
# 150 pen x3
# 3 left
# sold out
# cap: 0.99
