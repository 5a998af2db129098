# checks: services are always exported; from-import of a service brings Name.start and handler helpers, §1.3 §10.6
from Store import Tally

fn main() do
  let t = Tally.start(10)
  Tally.add(t, 5)
  println("#{Tally.total(t)}")
end

# expect:
# 15
