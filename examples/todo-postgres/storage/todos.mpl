# PostgreSQL storage through the pool. Columns are read as text
# (`id::text`, `completed::text`, `created_at::text`); a malformed id is
# left to PostgreSQL, which rejects it as an invalid uuid.

from Types.Todo import Todo
from Config import todo_not_found_message

fn select_columns() -> String do
  "SELECT id::text AS id, title, completed::text AS completed, created_at::text AS created_at FROM todos"
end

fn to_todo(row :: Map<String, String>) -> Todo do
  Todo {
    id: Map.get(row, "id"),
    title: Map.get(row, "title"),
    completed: Map.get(row, "completed") == "true",
    created_at: Map.get(row, "created_at"),
  }
end

fn first_todo(rows :: List<Map<String, String>>, missing :: String) -> Todo!String do
  case rows do
    row :: _ -> Ok(to_todo(row))
    _ -> Err(missing)
  end
end

pub fn list_todos(pool :: PoolHandle) -> List<Todo>!String do
  let rows = Pool.query(pool, select_columns() <> " ORDER BY created_at DESC", [])?
  Ok(List.map(rows, to_todo))
end

pub fn get_todo(pool :: PoolHandle, id :: String) -> Todo!String do
  let rows = Pool.query(pool, select_columns() <> " WHERE id = $1", [id])?
  first_todo(rows, todo_not_found_message())
end

# `title` is already validated by the handler.
pub fn create_todo(pool :: PoolHandle, title :: String) -> Todo!String do
  let rows = Pool.query(
    pool,
    "INSERT INTO todos (title, completed) VALUES ($1, $2::boolean) RETURNING id::text AS id",
    [title, "false"],
  )?
  let created = first_todo(rows, "todo insert did not return a row")?
  get_todo(pool, created.id)
end

pub fn toggle_todo(pool :: PoolHandle, id :: String) -> Todo!String do
  let current = get_todo(pool, id)?
  let next = if current.completed do
    "false"
  else
    "true"
  end
  let updated = Pool.execute(
    pool,
    "UPDATE todos SET completed = $1::boolean WHERE id = $2",
    [next, current.id],
  )?
  if updated == 0 do
    Err(todo_not_found_message())
  else
    get_todo(pool, current.id)
  end
end

# Returns the id of the deleted row.
pub fn delete_todo(pool :: PoolHandle, id :: String) -> String!String do
  let current = get_todo(pool, id)?
  let deleted = Pool.execute(pool, "DELETE FROM todos WHERE id = $1", [current.id])?
  if deleted == 0 do
    Err(todo_not_found_message())
  else
    Ok(current.id)
  end
end
