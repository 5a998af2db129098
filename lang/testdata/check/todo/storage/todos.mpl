from Types.Todo import Todo

pub fn ensure_schema(path :: String) -> Result<Int, String> do
  let conn = Sqlite.open(path)?
  let n = Sqlite.execute(conn, "CREATE TABLE IF NOT EXISTS todos (id INTEGER PRIMARY KEY, title TEXT, completed TEXT, created_at TEXT)", [])?
  Sqlite.close(conn)
  Ok(n)
end

fn row_to_todo(row :: Map<String, String>) -> Result<Todo, String> = Todo.from_row(row)

pub fn list(path :: String) -> Result<List<Todo>, String> do
  let conn = Sqlite.open(path)?
  let rows = Sqlite.query(conn, "SELECT id, title, completed, created_at FROM todos", [])?
  Sqlite.close(conn)
  let todos = List.map(rows, fn row ->
    case row_to_todo(row) do
      Ok(t) -> t
      Err(_) -> Todo { id: "", title: "", completed: false, created_at: "" }
    end
  end)
  Ok(todos)
end

pub fn normalize_id(raw :: String) -> Option<String> do
  case String.to_int(String.trim(raw)) do
    Some(n) when n > 0 -> Some("#{n}")
    _ -> None
  end
end
