# checks: private items in different modules may share names; public function using its private helper, §1.4
import Alpha
import Beta

fn helper() -> String = "main helper"

fn main() do
  println(Alpha.run())
  println(Beta.run())
  println(helper())
end

# expect:
# alpha helper
# beta helper
# main helper
