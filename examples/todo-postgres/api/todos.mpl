# Todo handlers. Mutations pass the write limiter first; a missing todo is
# 404, a blank title 400, any other storage error 500 with its message.

from Types.Todo import Todo
from Config import title_required_message, todo_not_found_message
from Runtime.Registry import get_pool, get_rate_limiter
from Services.RateLimiter import allow_write
from Storage.Todos import create_todo, delete_todo, get_todo, list_todos, toggle_todo

fn error_response(status :: Int, message :: String) -> Response do
  HTTP.response(status, json { error: message })
end

fn storage_error(message :: String) -> Response do
  if message == todo_not_found_message() do
    error_response(404, message)
  else
    error_response(500, message)
  end
end

fn todo_response(status :: Int, result :: Todo!String) -> Response do
  case result do
    Ok(todo) -> HTTP.response(status, Json.encode(todo))
    Err(message) -> storage_error(message)
  end
end

fn id_param(request :: Request) -> String do
  case Request.param(request, "id") do
    Some(id) -> id
    None -> ""
  end
end

fn write_allowed() -> Bool do
  allow_write(get_rate_limiter(), "todo-write")
end

fn rate_limited() -> Response do
  error_response(429, "rate limited")
end

pub fn handle_list_todos(_request :: Request) -> Response do
  case list_todos(get_pool()) do
    Ok(todos) -> HTTP.response(200, Json.encode(todos))
    Err(message) -> error_response(500, message)
  end
end

pub fn handle_get_todo(request :: Request) -> Response do
  todo_response(200, get_todo(get_pool(), id_param(request)))
end

fn create_response(title :: String) -> Response do
  if title == "" do
    error_response(400, title_required_message())
  else
    case create_todo(get_pool(), title) do
      Ok(todo) -> HTTP.response(201, Json.encode(todo))
      Err(message) -> error_response(500, message)
    end
  end
end

pub fn handle_create_todo(request :: Request) -> Response do
  if write_allowed() do
    create_response(String.trim(Json.get(Request.body(request), "title")))
  else
    rate_limited()
  end
end

# PUT toggles `completed`; the body is ignored.
pub fn handle_toggle_todo(request :: Request) -> Response do
  if write_allowed() do
    todo_response(200, toggle_todo(get_pool(), id_param(request)))
  else
    rate_limited()
  end
end

pub fn handle_delete_todo(request :: Request) -> Response do
  if write_allowed() do
    case delete_todo(get_pool(), id_param(request)) do
      Ok(id) -> HTTP.response(200, json { status: "deleted", id: id })
      Err(message) -> storage_error(message)
    end
  else
    rate_limited()
  end
end
