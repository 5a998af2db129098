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

actor rate_window_ticker(limiter :: Pid, interval_ms :: Int) do
  Timer.sleep(interval_ms)
  TodoWriteRateLimiter.reset(limiter)
  rate_window_ticker(limiter, interval_ms)
end

pub fn start_rate_limiter(window_seconds :: Int, max_requests :: Int) -> Pid do
  let limiter = TodoWriteRateLimiter.start(window_seconds, max_requests)
  spawn(rate_window_ticker, limiter, window_seconds * 1000)
  limiter
end

pub fn allow_write(limiter :: Pid, key :: String) -> Bool do
  TodoWriteRateLimiter.check(limiter, key)
end
