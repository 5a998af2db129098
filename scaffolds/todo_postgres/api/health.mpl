# GET /health: always 200 and local (no database probe); it never shows
# the database URL.

from Runtime.Registry import get_window_seconds, get_max_requests

pub fn handle_health(_request :: Request) -> Response do
  let body = json {
    status: "ok",
    db_backend: "postgres",
    migration_strategy: "meshc migrate",
    clustered_handler: "Work.sync_todos",
    rate_limit_window_seconds: get_window_seconds(),
    rate_limit_max_requests: get_max_requests(),
  }
  HTTP.response(200, body)
end
