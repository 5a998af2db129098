import Storage.Todos
from Services.RateLimiter import TodoWriteRateLimiter

fn json_error(status :: Int, msg :: String) -> Response do
  HTTP.response(status, json { error: msg })
end

pub fn handle_list(req :: Request) -> Response do
  case Todos.list("todo.sqlite3") do
    Ok(todos) -> HTTP.response(200, "[" <> String.join(List.map(todos, fn t -> Json.encode(t) end), ",") <> "]")
    Err(e) -> json_error(500, e)
  end
end

pub fn handle_get(req :: Request) -> Response do
  let raw = case Request.param(req, "id") do
    Some(v) -> v
    None -> ""
  end
  case Todos.normalize_id(raw) do
    Some(id) -> HTTP.response(200, json { id: id })
    None -> json_error(400, "invalid todo id")
  end
end

pub fn handle_create(req :: Request) -> Response do
  let limiter = Process.whereis("todo_rate_limiter")
  if TodoWriteRateLimiter.allow(limiter) do
    let title = Json.get(Request.body(req), "title") |> String.trim()
    if String.length(title) == 0 do
      json_error(400, "title is required")
    else
      HTTP.response(201, json { title: title, completed: false })
    end
  else
    json_error(429, "rate limited")
  end
end
