# checks: string-returning calls, service without init args, handler forms without parens/reply type/state binding, HTTPGet -> h_t_t_p_get naming, §10.6 §15
service Greeter do
  fn init() -> Int do
    0
  end

  call Hello() :: String do |n|
    (n + 1, "hello")
  end

  call World do |n|
    (n + 1, "world")
  end

  call Count() :: Int do |n|
    (n, n)
  end

  cast Clear() do
    0
  end

  call HTTPGet(path :: String) :: String do |n|
    (n, "GET " <> path)
  end
end

fn main() do
  let g = Greeter.start()
  println(Greeter.hello(g))
  println(Greeter.world(g))
  println("#{Greeter.count(g)}")
  Greeter.clear(g)
  println("#{Greeter.count(g)}")
  println(Greeter.h_t_t_p_get(g, "/index"))
end

# expect:
# hello
# world
# 2
# 0
# GET /index
