service TodoWriteRateLimiter do
  fn init(max :: Int) -> Map<String, Int> do
    %{"max" => max, "used" => 0}
  end

  call Allow() :: Bool do |state|
    let used = Map.get(state, "used")
    if used < Map.get(state, "max") do
      (Map.put(state, "used", used + 1), true)
    else
      (state, false)
    end
  end

  cast Reset() do |state|
    Map.put(state, "used", 0)
  end
end

actor ticker(limiter :: Pid, ms :: Int) do
  receive do
    :stop -> println("ticker stopped")
  after ms -> do
    TodoWriteRateLimiter.reset(limiter)
    ticker(limiter, ms)
  end
  end
end

pub fn start(max :: Int, window :: Int) -> Pid do
  let pid = TodoWriteRateLimiter.start(max)
  let t = spawn(ticker, pid, window * 1000)
  Process.register("todo_rate_limiter", pid)
  pid
end
