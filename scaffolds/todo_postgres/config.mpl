# Names, defaults and messages of the starter's configuration. Everything
# here is a pure function so tests can pin the contract without touching
# the environment.

pub fn database_url_key() -> String do
  "DATABASE_URL"
end

pub fn port_key() -> String do
  "PORT"
end

pub fn todo_rate_limit_window_seconds_key() -> String do
  "TODO_RATE_LIMIT_WINDOW_SECONDS"
end

pub fn todo_rate_limit_max_requests_key() -> String do
  "TODO_RATE_LIMIT_MAX_REQUESTS"
end

pub fn default_port() -> Int do
  8080
end

pub fn default_window_seconds() -> Int do
  60
end

pub fn default_max_requests() -> Int do
  5
end

pub fn title_required_message() -> String do
  "title is required"
end

pub fn todo_not_found_message() -> String do
  "todo not found"
end

pub fn missing_required_env(key :: String) -> String do
  "Missing required environment variable #{key}"
end

pub fn invalid_positive_int(key :: String) -> String do
  "Invalid #{key}: expected a positive integer"
end
