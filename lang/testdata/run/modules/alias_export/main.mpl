# checks: pub type aliases used as Ns.Alias after import and as Alias after from-import, §1.3 §5.10
import Types
from Types import UserId

fn show(id :: UserId) -> String = "user #{id}"

fn tag(e :: Types.Email) -> String = "<" <> e <> ">"

fn main() do
  println(show(7))
  println(tag("a@b.c"))
  let id :: Types.UserId = 9
  println(show(id))
end

# expect:
# user 7
# <a@b.c>
# user 9
