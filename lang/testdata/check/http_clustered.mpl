# HTTP server typing and HTTP.clustered validation (cluster-reference §7)
pub fn list(req :: Request) -> Response do
  HTTP.response(200, "[]")
end

fn private_h(req :: Request) -> Response = HTTP.response(200, "x")

pub fn show(req :: Request) -> Response do
  let who = case Request.param(req, "id") do
    Some(n) -> n
    None -> "anon"
  end
  HTTP.response(200, who)
end

fn mw(req :: Request, next :: Fun(Request) -> Response) -> Response do
  case Request.header(req, "x-key") do
    Some(_) -> next(req)
    None -> HTTP.response(401, "denied")
  end
end

fn main() do
  let r = HTTP.router()
    |> HTTP.use(mw)
    |> HTTP.on_get("/todos", HTTP.clustered(1, list))
    |> HTTP.on_get("/todos/:id", HTTP.clustered(show))
    |> HTTP.on_get("/x", HTTP.clustered(private_h)) # ERROR "route handler `private_h` must be public to use HTTP.clustered"
    |> HTTP.on_get("/y", HTTP.clustered(0, show)) # ERROR "replication count must be a positive integer literal"
    |> HTTP.route("/z", fn req -> HTTP.response(200, "z") end)
  let h = HTTP.clustered(show) # ERROR "can only appear in the route handler position"
  HTTP.serve(r, 8080)
end
