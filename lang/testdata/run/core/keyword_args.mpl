# checks: keyword arguments are sugar for a final map argument, §4.9
fn greet(greeting :: String, opts :: Map<String, String>) -> String do
  greeting <> ", " <> Map.get(opts, "title") <> " " <> Map.get(opts, "name")
end

fn count_opts(opts :: Map<String, Int>) -> Int = Map.size(opts)

fn main() do
  println(greet("Hello", title: "Dr", name: "Who"))
  println(greet("Hi", name: "Ann", title: "Ms"))
  println("#{count_opts(a: 1, b: 2, c: 3)}")
end

# expect:
# Hello, Dr Who
# Hi, Ms Ann
# 3
