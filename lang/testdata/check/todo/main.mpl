import Api.Todos
from Storage.Todos import ensure_schema
import Services.RateLimiter

fn positive_int(key :: String, default_value :: Int) -> Result<Int, String> do
  let raw = String.trim(Env.get(key, ""))
  if raw == "" do
    Ok(default_value)
  else
    case String.to_int(raw) do
      Some(n) when n > 0 -> Ok(n)
      _ -> Err("Invalid #{key}: expected a positive integer")
    end
  end
end

fn config() -> Result<(Int, Int, Int), String> do
  let port = positive_int("PORT", 8080)?
  let window = positive_int("TODO_RATE_LIMIT_WINDOW_SECONDS", 60)?
  let max = positive_int("TODO_RATE_LIMIT_MAX_REQUESTS", 5)?
  Ok((port, window, max))
end

fn serve(port :: Int, window :: Int, max :: Int) do
  case ensure_schema("todo.sqlite3") do
    Ok(_) -> println("schema ok")
    Err(e) -> println("[todo-api] schema error: #{e}")
  end
  let limiter = RateLimiter.start(max, window)
  let router = HTTP.router()
    |> HTTP.on_get("/todos", Api.Todos.handle_list)
    |> HTTP.on_get("/todos/:id", HTTP.clustered(1, Api.Todos.handle_get))
    |> HTTP.on_post("/todos", Api.Todos.handle_create)
    |> HTTP.on_get("/health", fn req -> HTTP.response(200, json { status: "ok", port: port }) end)
  println("[todo-api] Runtime ready port=#{port}")
  HTTP.serve(router, port)
end

fn main() do
  case config() do
    Ok((port, window, max)) -> serve(port, window, max)
    Err(msg) -> println("[todo-api] Config error: #{msg}")
  end
end
