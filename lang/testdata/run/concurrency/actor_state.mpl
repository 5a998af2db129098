# checks: actor state carried through self tail calls, Int messages, §10.1
actor tally(total :: Int) do
  receive do
    n -> do
      let t = total + n
      println("total #{t}")
      tally(t)
    end
  end
end

fn main() do
  let t = spawn(tally, 100)
  for i in 1..5 do
    send(t, i)
  end
end

# expect:
# total 101
# total 103
# total 106
# total 110
