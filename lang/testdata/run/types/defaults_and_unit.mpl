# checks: default() for built-in types via annotation, nil/() as Unit values, functions returning Unit, §5.1 §6.2
fn log(s :: String) -> () do
  println("log: " <> s)
end

fn main() do
  let i :: Int = default()
  let f :: Float = default()
  let s :: String = default()
  let b :: Bool = default()
  println("#{i} #{f} [#{s}] #{b}")
  let u = log("x")
  let v = nil
  let w = ()
  log("y")
  println("done")
end

# expect:
# 0 0 [] false
# log: x
# log: y
# done
