# Write rate limiting: one fixed window per process. The service counts
# mutations per key; a ticker actor clears the counts every window.

struct LimiterState do
  counts :: Map<String, Int>
  window_seconds :: Int
  max_requests :: Int
end

service TodoWriteRateLimiter do
  fn init(window_seconds :: Int, max_requests :: Int) -> LimiterState do
    LimiterState { counts: %{}, window_seconds: window_seconds, max_requests: max_requests }
  end

  # Allowed while the key's count is below the limit; only an allowed
  # request is counted.
  call Check(key :: String) :: Bool do |state|
    let current = if Map.has_key(state.counts, key) do
      Map.get(state.counts, key)
    else
      0
    end
    if current < state.max_requests do
      (%{state | counts: Map.put(state.counts, key, current + 1)}, true)
    else
      (state, false)
    end
  end

  cast Reset() do |state|
    %{state | counts: %{}}
  end
end

type TickerMessage do
  StopTicker
end

# Clears the limiter's counts every interval until it is told to stop.
actor rate_window_ticker(limiter :: Pid, interval_ms :: Int) do
  receive do
    StopTicker -> ()
  after interval_ms -> do
    TodoWriteRateLimiter.reset(limiter)
    rate_window_ticker(limiter, interval_ms)
  end
  end
end

pub fn start_rate_limiter(window_seconds :: Int, max_requests :: Int) -> Pid do
  TodoWriteRateLimiter.start(window_seconds, max_requests)
end

pub fn start_window_ticker(limiter :: Pid, window_seconds :: Int) -> Pid<TickerMessage> do
  spawn(rate_window_ticker, limiter, window_seconds * 1000)
end

# Lets the process end once nothing else runs (HTTP.serve returned).
pub fn stop_window_ticker(ticker :: Pid<TickerMessage>) do
  send(ticker, StopTicker)
end

pub fn allow_write(limiter :: Pid, key :: String) -> Bool do
  TodoWriteRateLimiter.check(limiter, key)
end
