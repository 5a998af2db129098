# checks: from String import binds bare names; import String is accepted; stdlib modules need no import, §1.3 §12.0
import String
from String import length, to_upper
from List import reverse

fn main() do
  println("#{length("héllo")}")
  println(to_upper("abc"))
  println("#{reverse([1, 2, 3])}")
  println("#{String.length("abc")}")
end

# expect:
# 5
# ABC
# [3, 2, 1]
# 3
