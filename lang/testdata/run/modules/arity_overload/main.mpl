# checks: arity overloading of pub functions across from-import and qualified calls, §5.4
import Fmt
from Fmt import pad

fn main() do
  println(pad("x"))
  println(pad("x", 3))
  println(pad("x", 3, "*"))
  println(Fmt.pad("y", 2))
end

# expect:
# [x]
# [x  ]
# [x**]
# [y ]
