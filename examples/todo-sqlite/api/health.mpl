# GET /health: the local configuration, always 200 (no database probe).

from Runtime.Registry import get_db_path, get_window_seconds, get_max_requests

pub fn handle_health(_request :: Request) -> Response do
  let body = json {
    status: "ok",
    mode: "local",
    db_backend: "sqlite",
    db_path: get_db_path(),
    storage_mode: "single-node",
    rate_limit_window_seconds: get_window_seconds(),
    rate_limit_max_requests: get_max_requests(),
  }
  HTTP.response(200, body)
end
