# imports: namespaces, from-imports, privacy, unknown modules and names
import Other.Shapes
import Geo.Shapes # ERROR "E0031 import of `Geo.Shapes` collides with `Other.Shapes`: both are named `Shapes`"
import Util
from Geo.Shapes import area, Circle
from Util import secret # ERROR "E0035 `secret` is private in module `Util`; add `pub` to make it accessible"
from Util import nothing_here # ERROR "E0034 `nothing_here` is not exported by module `Util`; available: .*slug"
import Nowhere # ERROR "E0031 module `Nowhere` not found"
from String import length

fn main() do
  let c = Circle { r: 2.0 }
  println("#{area(c)} #{Shapes.area(c)}")
  println(Util.slug("A B"))
  println(Util.hidden()) # ERROR "E0035 `hidden` is private in module `Util`"
  let p :: Shapes.Pt = Shapes.origin()
  let q :: Pt = p
  let r :: Meters = 2.5
  println("#{p.x} #{length("abc")}")
  let k = Shapes.Kind.Round
  let kk = Round
  let w = Util.fmt(1)
  let w2 = Util.fmt(1, 2)
  println(w <> w2)
end
