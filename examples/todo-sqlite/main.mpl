# Entry point: validate the configuration, create the schema, start the
# write limiter and the registry, then serve HTTP. A failure is logged and
# nothing is served.

from Config import todo_db_path_key, port_key, todo_rate_limit_window_seconds_key, todo_rate_limit_max_requests_key, default_todo_db_path, default_port, default_window_seconds, default_max_requests, invalid_positive_int, invalid_db_path
from Storage.Todos import ensure_schema
from Services.RateLimiter import start_rate_limiter, start_window_ticker, stop_window_ticker
from Runtime.Registry import start_registry
from Api.Router import build_router

struct LocalConfig do
  db_path :: String
  port :: Int
  window_seconds :: Int
  max_requests :: Int
end

fn read_db_path() -> String!String do
  let path = String.trim(Env.get(todo_db_path_key(), default_todo_db_path()))
  if path == "" do
    Err(invalid_db_path(todo_db_path_key()))
  else
    Ok(path)
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

fn load_config() -> LocalConfig!String do
  let db_path = read_db_path()?
  let port = read_positive_int(port_key(), default_port())?
  let window_seconds = read_positive_int(
    todo_rate_limit_window_seconds_key(),
    default_window_seconds(),
  )?
  let max_requests = read_positive_int(todo_rate_limit_max_requests_key(), default_max_requests())?
  Ok(LocalConfig { db_path: db_path, port: port, window_seconds: window_seconds, max_requests: max_requests })
end

fn serve(config :: LocalConfig) do
  println("[todo-api] SQLite schema ready path=#{config.db_path}")
  let limiter = start_rate_limiter(config.window_seconds, config.max_requests)
  let ticker = start_window_ticker(limiter, config.window_seconds)
  start_registry(config.db_path, limiter, config.window_seconds, config.max_requests)
  println("[todo-api] local runtime ready port=#{config.port} db_backend=sqlite storage_mode=single-node db_path=#{config.db_path} write_limit_window_seconds=#{config.window_seconds} write_limit_max=#{config.max_requests}")
  println("[todo-api] HTTP server starting on :#{config.port}")
  HTTP.serve(build_router(), config.port)
  # HTTP.serve returns only when it could not bind; stop the ticker so the
  # process ends.
  stop_window_ticker(ticker)
end

fn start(config :: LocalConfig) do
  println("[todo-api] local config loaded port=#{config.port} db_path=#{config.db_path} write_limit_window_seconds=#{config.window_seconds} write_limit_max=#{config.max_requests}")
  case ensure_schema(config.db_path) do
    Ok(_) -> serve(config)
    Err(reason) -> println("[todo-api] Database init failed: #{reason}")
  end
end

fn main() do
  case load_config() do
    Ok(config) -> start(config)
    Err(message) -> println("[todo-api] Config error: #{message}")
  end
end
