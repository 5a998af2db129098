# checks: a normal exit of a linked partner is invisible to a non-trapping process (no exit notice in its mailbox), §10.5 §15
actor watcher() do
  receive do
    msg -> do
      println("watcher got " <> msg)
      watcher()
    end
  end
end

actor worker(w) do
  link(w)
  send(w, "from worker")
  Timer.send_after(w, 50, "later")
end

fn main() do
  let w = spawn(watcher)
  spawn(worker, w)
end

# expect:
# watcher got from worker
# watcher got later
