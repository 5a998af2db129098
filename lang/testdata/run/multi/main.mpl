from Geo.Shapes import area
import Util

fn main() do
  println("#{area(3, 4)}")
  println(Util.shout("hi"))
end

# expect:
# 12
# HI!
