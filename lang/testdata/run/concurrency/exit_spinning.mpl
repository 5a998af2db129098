# checks: Process.exit ends a process spinning in a self tail call (no receive, no sleep); its terminate clause runs, and a spinning Job ends as crashed so Job.await returns, §10.4 §10.5 §10.8
fn spin(n :: Int) -> Int do
  spin(n + 1)
end

actor spinner(boss) do
  terminate do
    send(boss, "spinner stopped")
  end
  send(boss, "spinning")
  spin(0)
  ()
end

actor driver() do
  let p = spawn(spinner, self())
  receive do
    msg -> println("driver got " <> msg)
  end
  Process.exit(p, "shutdown")
  receive do
    msg -> println("driver got " <> msg)
  end
  let me = self()
  let job = Job.async(fn do
    send(me, "job spinning")
    spin(0)
  end)
  receive do
    msg -> println("driver got " <> msg)
  end
  Process.exit(job, "kill")
  case Job.await(job) do
    Ok(n) -> println("job returned #{n}")
    Err(e) -> println("job: " <> e)
  end
end

fn main() do
  spawn(driver)
end

# expect:
# driver got spinning
# driver got spinner stopped
# driver got job spinning
# job: job crashed
