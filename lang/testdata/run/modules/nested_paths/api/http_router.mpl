fn routes() -> List<String> = ["/a", "/b"]

pub fn describe() -> String do
  "router with #{List.length(routes())} routes"
end
