# checks: self() inside actors, tuple messages carrying a reply Pid, causally ordered output between two actors, §10.1 §10.2
actor ponger() do
  receive do
    (from, n) -> do
      println("pong #{n}")
      if n < 3 do
        send(from, n + 1)
      end
      ponger()
    end
  end
end

actor pinger(peer) do
  receive do
    n -> do
      println("ping #{n}")
      send(peer, (self(), n))
      pinger(peer)
    end
  end
end

fn main() do
  let po = spawn(ponger)
  let pi = spawn(pinger, po)
  send(pi, 1)
end

# expect:
# ping 1
# pong 1
# ping 2
# pong 2
# ping 3
# pong 3
