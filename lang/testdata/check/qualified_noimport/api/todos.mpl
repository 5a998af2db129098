pub fn handle_retry_todos(req :: Request) -> Response = HTTP.response(200, "retried")

fn hidden(req :: Request) -> Response = HTTP.response(200, "h")
