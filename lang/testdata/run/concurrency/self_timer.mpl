# checks: an actor scheduling its own messages with Timer.send_after(self(), ...), stopping after a count, §10.8
actor ticker(n :: Int) do
  receive do
    k -> do
      println("tick #{k}")
      if k < n do
        Timer.send_after(self(), 10, k + 1)
      end
      ticker(n)
    end
  end
end

fn main() do
  let t = spawn(ticker, 4)
  send(t, 1)
end

# expect:
# tick 1
# tick 2
# tick 3
# tick 4
