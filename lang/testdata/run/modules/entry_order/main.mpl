# checks: modules type-checked in dependency order regardless of file names; transitive imports; §1.3
import Zeta

fn main() do
  println(Zeta.top())
end

# expect:
# zeta(alpha(base))
