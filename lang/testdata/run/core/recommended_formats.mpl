# checks: recommended print formats for Option, Result and tuples (decided by CONTRACT 8 / §8 "Recommended")
fn main() do
  println("#{Some(1)}")
  let n :: Option<Int> = None
  println("#{n}")
  let ok :: Result<Int, String> = Ok(3)
  println("#{ok}")
  let err :: Result<Int, String> = Err("bad")
  println("#{err}")
  println("#{(1, "two")}")
  println("#{[(1, 2), (3, 4)]}")
  println("#{Some("text")}")
end

# expect:
# Some(1)
# None
# Ok(3)
# Err(bad)
# (1, two)
# [(1, 2), (3, 4)]
# Some(text)
