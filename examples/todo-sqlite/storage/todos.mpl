# SQLite storage. Every operation opens its own connection and closes it
# before returning, so handlers running in parallel never share one.
# Input is validated before the database is opened.

from Types.Todo import Todo
from Config import invalid_todo_id_message, title_required_message, todo_not_found_message

fn select_columns() -> String do
  "SELECT id, title, completed, created_at FROM todos"
end

pub fn ensure_schema(db_path :: String) -> Int!String do
  let db = Sqlite.open(db_path)?
  let result = Sqlite.execute(
    db,
    "CREATE TABLE IF NOT EXISTS todos (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, completed INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL)",
    [],
  )
  Sqlite.close(db)
  result
end

# A positive 64-bit id, normalised ("007" -> "7").
pub fn normalize_id(raw :: String) -> String!String do
  case String.to_int(String.trim(raw)) do
    Some(id) -> if id > 0 do
      Ok("#{id}")
    else
      Err(invalid_todo_id_message())
    end
    None -> Err(invalid_todo_id_message())
  end
end

pub fn normalize_title(raw :: String) -> String!String do
  let title = String.trim(raw)
  if title == "" do
    Err(title_required_message())
  else
    Ok(title)
  end
end

fn decode_rows(rows :: List<Map<String, String>>, acc :: List<Todo>) -> List<Todo>!String do
  case rows do
    row :: rest -> do
      let todo = Todo.from_row(row)?
      decode_rows(rest, [todo] ++ acc)
    end
    _ -> Ok(List.reverse(acc))
  end
end

fn first_todo(rows :: List<Map<String, String>>, missing :: String) -> Todo!String do
  case rows do
    row :: _ -> Todo.from_row(row)
    _ -> Err(missing)
  end
end

fn fetch_todo(db :: SqliteConn, id :: String) -> Todo!String do
  let rows = Sqlite.query(db, select_columns() <> " WHERE id = ?", [id])?
  first_todo(rows, todo_not_found_message())
end

fn fetch_all(db :: SqliteConn) -> List<Todo>!String do
  let rows = Sqlite.query(db, select_columns() <> " ORDER BY id ASC", [])?
  decode_rows(rows, [])
end

fn insert_todo(db :: SqliteConn, title :: String) -> Todo!String do
  let created_at = DateTime.to_iso8601(DateTime.utc_now())
  Sqlite.execute(
    db,
    "INSERT INTO todos (title, completed, created_at) VALUES (?, ?, ?)",
    [title, "0", created_at],
  )?
  let rows = Sqlite.query(db, select_columns() <> " WHERE id = last_insert_rowid()", [])?
  first_todo(rows, "todo insert did not return a row")
end

fn flip_todo(db :: SqliteConn, id :: String) -> Todo!String do
  let current = fetch_todo(db, id)?
  let next = if current.completed do
    "0"
  else
    "1"
  end
  let updated = Sqlite.execute(db, "UPDATE todos SET completed = ? WHERE id = ?", [next, id])?
  if updated == 0 do
    Err(todo_not_found_message())
  else
    fetch_todo(db, id)
  end
end

fn remove_todo(db :: SqliteConn, id :: String) -> String!String do
  let current = fetch_todo(db, id)?
  let deleted = Sqlite.execute(db, "DELETE FROM todos WHERE id = ?", [current.id])?
  if deleted == 0 do
    Err(todo_not_found_message())
  else
    Ok(current.id)
  end
end

pub fn list_todos(db_path :: String) -> List<Todo>!String do
  let db = Sqlite.open(db_path)?
  let result = fetch_all(db)
  Sqlite.close(db)
  result
end

pub fn get_todo(db_path :: String, raw_id :: String) -> Todo!String do
  let id = normalize_id(raw_id)?
  let db = Sqlite.open(db_path)?
  let result = fetch_todo(db, id)
  Sqlite.close(db)
  result
end

pub fn create_todo(db_path :: String, raw_title :: String) -> Todo!String do
  let title = normalize_title(raw_title)?
  let db = Sqlite.open(db_path)?
  let result = insert_todo(db, title)
  Sqlite.close(db)
  result
end

pub fn toggle_todo(db_path :: String, raw_id :: String) -> Todo!String do
  let id = normalize_id(raw_id)?
  let db = Sqlite.open(db_path)?
  let result = flip_todo(db, id)
  Sqlite.close(db)
  result
end

# Returns the id of the deleted row.
pub fn delete_todo(db_path :: String, raw_id :: String) -> String!String do
  let id = normalize_id(raw_id)?
  let db = Sqlite.open(db_path)?
  let result = remove_todo(db, id)
  Sqlite.close(db)
  result
end
