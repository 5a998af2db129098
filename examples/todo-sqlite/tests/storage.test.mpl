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

# A throwaway database file, removed by the test that uses it.
fn scratch_db_path() -> String do
  "#{Env.get("TMPDIR", "/tmp")}/todo-storage-test-#{Crypto.uuid4()}.sqlite3"
end

# Every storage operation against a real SQLite file, summarised as text.
fn round_trip(path :: String) -> String!String do
  ensure_schema(path)?
  let created = create_todo(path, "  Buy milk ")?
  let fetched = get_todo(path, "00#{created.id}")?
  let toggled = toggle_todo(path, created.id)?
  let listed = list_todos(path)?
  let deleted = delete_todo(path, created.id)?
  let remaining = list_todos(path)?
  Ok("#{created.title}|#{fetched.id == created.id}|#{toggled.completed}|#{List.length(listed)}|#{deleted == created.id}|#{List.length(remaining)}")
end

fn missing_todo(path :: String) -> String!String do
  let todo = get_todo(path, "999999")?
  Ok(todo.id)
end

describe("SQLite todo storage") do
  test("local storage module compiles for the generated starter") do
    let todo = sample()
    assert_eq(todo.title, "Buy milk")
    assert(todo.completed == false)
    let encoded = Json.encode(todo)
    assert(String.contains(encoded, "\"id\":\"1\""))
    assert(String.contains(encoded, "\"completed\":false"))
    assert_eq(shown(normalize_id(" 007 ")), "ok:7")
    assert_eq(shown(normalize_id("0")), "error:invalid todo id")
    assert_eq(shown(normalize_id("abc")), "error:invalid todo id")
    assert_eq(shown(normalize_title("  Buy milk ")), "ok:Buy milk")
    assert_eq(shown(normalize_title("   ")), "error:title is required")
  end

  test("storage helper imports stay available to the generated project") do
    let path = scratch_db_path()
    assert_eq(shown(round_trip(path)), "ok:Buy milk|true|true|1|true|0")
    assert_eq(shown(missing_todo(path)), "error:todo not found")
    assert(File.exists(path))
    File.delete(path)
    assert(File.exists(path) == false)
  end
end
