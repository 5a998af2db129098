# Entry point: validate the configuration, open the PostgreSQL pool, boot
# the clustered runtime from the MESH_* environment, start the write
# limiter and the registry, then serve HTTP. Tables come from
# `meshc migrate`, never from startup. A failure is logged and nothing is
# served; the database URL is never logged.

from Config import database_url_key, port_key, todo_rate_limit_window_seconds_key, todo_rate_limit_max_requests_key, default_port, default_window_seconds, default_max_requests, missing_required_env, invalid_positive_int
from Services.RateLimiter import start_rate_limiter, start_window_ticker, stop_window_ticker
from Runtime.Registry import start_registry
from Api.Router import build_router

struct AppConfig do
  database_url :: String
  port :: Int
  window_seconds :: Int
  max_requests :: Int
end

fn read_database_url() -> String!String do
  let url = Env.get(database_url_key(), "")
  if url == "" do
    Err(missing_required_env(database_url_key()))
  else
    Ok(url)
  end
end

# Unset or empty means the default; otherwise the exact text must be an
# integer above zero.
fn read_positive_int(key :: String, default_value :: Int) -> Int!String do
  let raw = Env.get(key, "")
  if raw == "" do
    Ok(default_value)
  else if String.trim(raw) != raw do
    Err(invalid_positive_int(key))
  else
    case String.to_int(raw) do
      Some(value) -> if value > 0 do
        Ok(value)
      else
        Err(invalid_positive_int(key))
      end
      None -> Err(invalid_positive_int(key))
    end
  end
end

fn load_config() -> AppConfig!String do
  let database_url = read_database_url()?
  let port = read_positive_int(port_key(), default_port())?
  let window_seconds = read_positive_int(
    todo_rate_limit_window_seconds_key(),
    default_window_seconds(),
  )?
  let max_requests = read_positive_int(todo_rate_limit_max_requests_key(), default_max_requests())?
  Ok(AppConfig {
    database_url: database_url,
    port: port,
    window_seconds: window_seconds,
    max_requests: max_requests,
  })
end

fn serve(config :: AppConfig, pool :: PoolHandle) do
  println("[todo-api] PostgreSQL pool ready")
  let limiter = start_rate_limiter(config.window_seconds, config.max_requests)
  let ticker = start_window_ticker(limiter, config.window_seconds)
  start_registry(pool, limiter, config.window_seconds, config.max_requests)
  println("[todo-api] Runtime registry ready")
  println("[todo-api] Runtime ready port=#{config.port} db_backend=postgres write_limit_window_seconds=#{config.window_seconds} write_limit_max=#{config.max_requests}")
  println("[todo-api] HTTP server starting on :#{config.port}")
  HTTP.serve(build_router(), config.port)
  # HTTP.serve returns only when it could not bind; stop the ticker so the
  # process ends.
  stop_window_ticker(ticker)
end

fn boot(config :: AppConfig, pool :: PoolHandle) do
  case Node.start_from_env() do
    Ok(status) -> do
      println("[todo-api] runtime bootstrap mode=#{status.mode} node=#{status.node_name} cluster_port=#{status.cluster_port} discovery_seed=#{status.discovery_seed}")
      serve(config, pool)
    end
    Err(reason) -> println("[todo-api] runtime bootstrap failed reason=#{reason}")
  end
end

fn start(config :: AppConfig) do
  println("[todo-api] Config loaded port=#{config.port} write_limit_window_seconds=#{config.window_seconds} write_limit_max=#{config.max_requests}")
  println("[todo-api] Connecting to PostgreSQL pool...")
  case Pool.open(config.database_url, 1, 4, 5000) do
    Ok(pool) -> boot(config, pool)
    Err(reason) -> println("[todo-api] PostgreSQL connect failed: #{reason}")
  end
end

fn main() do
  case load_config() do
    Ok(config) -> start(config)
    Err(message) -> println("[todo-api] Config error: #{message}")
  end
end
