# checks: Pid<M> annotations, an untyped Pid alias of the same process accepting sends, order preserved per sender, §10.2 §5.1
actor doubler() do
  receive do
    n -> do
      println("double #{n * 2}")
      doubler()
    end
  end
end

fn main() do
  let d :: Pid<Int> = spawn(doubler)
  let u :: Pid = d
  send(d, 21)
  send(u, 4)
  let unit = send(d, 0)
end

# expect:
# double 42
# double 8
# double 0
