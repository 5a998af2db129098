from Types.Todo import Todo
from Storage.Todos import create_todo, delete_todo, ensure_schema, get_todo, list_todos, toggle_todo, normalize_id, normalize_title

fn sample() -> Todo do
  Todo { id: "1", title: "Buy milk", completed: false, created_at: "2026-01-01T00:00:00.000Z" }
end

fn shown(result :: String!String) -> String do
  case result do
    Ok(value) -> "ok:#{value}"
    Err(message) -> "error:#{message}"
  end
end

describe("SQLite todo storage") do
  test("local storage module compiles for the generated starter") do
    let todo = sample()
    assert_eq(todo.title, "Buy milk")
    assert(todo.completed == false)
    let encoded = Json.encode(todo)
    assert(String.contains(encoded, "\"id\":\"1\""))
    assert(String.contains(encoded, "\"completed\":false"))
  end

  test("storage helper imports stay available to the generated project") do
    assert_eq(shown(normalize_id(" 007 ")), "ok:7")
    assert_eq(shown(normalize_id("0")), "error:invalid todo id")
    assert_eq(shown(normalize_id("abc")), "error:invalid todo id")
    assert_eq(shown(normalize_title("  Buy milk ")), "ok:Buy milk")
    assert_eq(shown(normalize_title("   ")), "error:title is required")
  end
end
