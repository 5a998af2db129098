# checks: HTTP router and Http client requests can be built without serving or sending (no network needed), §12.14 §12.15
fn hello(req :: Request) -> Response do
  HTTP.response(200, "hi")
end

fn guard(req :: Request, next :: Fun(Request) -> Response) -> Response do
  next(req)
end

fn main() do
  let r = HTTP.router()
    |> HTTP.use(guard)
    |> HTTP.on_get("/hello/:name", hello)
    |> HTTP.on_post("/items", hello)
    |> HTTP.route("/static/*", hello)
  println("router built")
  let req = Http.build(:get, "http://127.0.0.1:9/none")
    |> Http.header("x-key", "v")
    |> Http.query("q", "1")
    |> Http.timeout(50)
  println("request built")
end

# expect:
# router built
# request built
