from Config import todo_db_path_key, port_key, todo_rate_limit_window_seconds_key, todo_rate_limit_max_requests_key, default_todo_db_path, invalid_positive_int, invalid_db_path, invalid_todo_id_message, title_required_message, todo_not_found_message

describe("SQLite todo-api config") do
  test("exposes local environment keys and defaults") do
    assert_eq(todo_db_path_key(), "TODO_DB_PATH")
    assert_eq(port_key(), "PORT")
    assert_eq(todo_rate_limit_window_seconds_key(), "TODO_RATE_LIMIT_WINDOW_SECONDS")
    assert_eq(todo_rate_limit_max_requests_key(), "TODO_RATE_LIMIT_MAX_REQUESTS")
    assert_eq(default_todo_db_path(), "todo.sqlite3")
  end

  test("formats local validation messages") do
    assert_eq(invalid_positive_int("PORT"), "Invalid PORT: expected a positive integer")
    assert_eq(invalid_db_path("TODO_DB_PATH"), "Invalid TODO_DB_PATH: expected a non-empty path")
    assert_eq(invalid_todo_id_message(), "invalid todo id")
    assert_eq(title_required_message(), "title is required")
    assert_eq(todo_not_found_message(), "todo not found")
  end
end
