# Process-wide settings that handlers need, held by a service registered
# under a fixed name so every request process can find it.

struct RegistryState do
  pool :: PoolHandle
  rate_limiter :: Pid
  window_seconds :: Int
  max_requests :: Int
end

service TodoRegistry do
  fn init(pool :: PoolHandle, rate_limiter :: Pid, window_seconds :: Int, max_requests :: Int) -> RegistryState do
    RegistryState {
      pool: pool,
      rate_limiter: rate_limiter,
      window_seconds: window_seconds,
      max_requests: max_requests,
    }
  end

  call Pool() :: PoolHandle do |state|
    (state, state.pool)
  end

  call RateLimiter() :: Pid do |state|
    (state, state.rate_limiter)
  end

  call WindowSeconds() :: Int do |state|
    (state, state.window_seconds)
  end

  call MaxRequests() :: Int do |state|
    (state, state.max_requests)
  end
end

fn registry_name() -> String do
  "todo_api_registry"
end

pub fn start_registry(pool :: PoolHandle, rate_limiter :: Pid, window_seconds :: Int, max_requests :: Int) -> Pid do
  let registry = TodoRegistry.start(pool, rate_limiter, window_seconds, max_requests)
  Process.register(registry_name(), registry)
  registry
end

pub fn get_pool() -> PoolHandle do
  TodoRegistry.pool(Process.whereis(registry_name()))
end

pub fn get_rate_limiter() -> Pid do
  TodoRegistry.rate_limiter(Process.whereis(registry_name()))
end

pub fn get_window_seconds() -> Int do
  TodoRegistry.window_seconds(Process.whereis(registry_name()))
end

pub fn get_max_requests() -> Int do
  TodoRegistry.max_requests(Process.whereis(registry_name()))
end
