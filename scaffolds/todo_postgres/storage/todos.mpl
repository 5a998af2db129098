# PostgreSQL storage through the pool with the Query/Expr/Repo builders.
# Columns are read as text (`id::text`, `completed::text`,
# `created_at::text`); a malformed id is left to PostgreSQL, which rejects
# it as an invalid uuid.

from Types.Todo import Todo
from Config import todo_not_found_message

fn todo_query() -> Query do
  Query.from("todos")
    |> Query.select_raw([
      "id::text AS id",
      "title",
      "completed::text AS completed",
      "created_at::text AS created_at",
    ])
end

fn by_id(id :: String) -> Query do
  Query.from("todos") |> Query.where(:id, id)
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
  let rows = Repo.all(pool, todo_query() |> Query.order_by(:created_at, :desc))?
  Ok(List.map(rows, to_todo))
end

pub fn get_todo(pool :: PoolHandle, id :: String) -> Todo!String do
  let rows = Repo.all(pool, todo_query() |> Query.where(:id, id))?
  first_todo(rows, todo_not_found_message())
end

# `title` is already validated by the handler.
pub fn create_todo(pool :: PoolHandle, title :: String) -> Todo!String do
  let fields = %{
    "title" => Expr.value(title),
    "completed" => Pg.cast(Expr.value("false"), "boolean"),
  }
  let row = Repo.insert_expr(pool, "todos", fields)?
  get_todo(pool, Map.get(row, "id"))
end

fn not_found_when_unmatched(message :: String) -> String do
  if String.contains(message, "no rows matched") do
    todo_not_found_message()
  else
    message
  end
end

pub fn toggle_todo(pool :: PoolHandle, id :: String) -> Todo!String do
  let current = get_todo(pool, id)?
  let next = if current.completed do
    "false"
  else
    "true"
  end
  let fields = %{"completed" => Pg.cast(Expr.value(next), "boolean")}
  case Repo.update_where_expr(pool, "todos", fields, by_id(current.id)) do
    Ok(rows) -> case rows do
      _ :: _ -> get_todo(pool, current.id)
      _ -> Err(todo_not_found_message())
    end
    Err(message) -> Err(not_found_when_unmatched(message))
  end
end

# Returns the id of the deleted row.
pub fn delete_todo(pool :: PoolHandle, id :: String) -> String!String do
  let current = get_todo(pool, id)?
  let deleted = Repo.delete_where(pool, "todos", by_id(current.id))?
  if deleted == 0 do
    Err(todo_not_found_message())
  else
    Ok(current.id)
  end
end
