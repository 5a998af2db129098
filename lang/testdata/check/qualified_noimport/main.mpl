# module-qualified references without an import (cluster-reference §7 handler references)
fn main() do
  let r = HTTP.router()
    |> HTTP.on_get("/x", HTTP.clustered(3, Api.Todos.handle_retry_todos))
    |> HTTP.on_get("/y", Api.Todos.hidden) # ERROR "E0035 `hidden` is private in module `Api.Todos`"
  println("#{Util.twice(2)}")
  HTTP.serve(r, 8080)
end
