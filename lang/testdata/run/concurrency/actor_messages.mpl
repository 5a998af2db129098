# checks: spawn with arguments, send order from one sender preserved, actor loop by self tail call, program exits when actors block forever, §10.1 §10.2 §10.9
actor printer(prefix :: String) do
  receive do
    msg -> do
      println(prefix <> msg)
      printer(prefix)
    end
  end
end

fn main() do
  println("start")
  let p = spawn(printer, "> ")
  send(p, "one")
  send(p, "two")
  send(p, "three")
end

# expect:
# start
# > one
# > two
# > three
