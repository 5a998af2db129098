# checks: import (namespace by last segment), from-import, public structs/sum types usable unqualified, qualified calls, §1.2 §1.3
import Geo.Shapes
import Util
from Util import slugify, clamp

fn main() do
  println(slugify("Hello Big World"))
  println("#{clamp(15, 0, 10)} #{clamp(-3, 0, 10)} #{clamp(4, 0, 10)}")
  println("#{Util.clamp(99, 0, 50)}")
  let shapes = [Circle(1.0), Square(2.0)]
  for s in shapes do
    println(Shapes.name(s) <> " " <> "#{Shapes.area(s)}")
  end
  let o = Origin { x: 0, y: 0 }
  println("#{Shapes.is_origin(o)}")
end

# expect:
# hello-big-world
# 10 0 4
# 50
# circle 3
# square 4
# true
