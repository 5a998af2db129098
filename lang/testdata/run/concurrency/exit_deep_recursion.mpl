# checks: Process.exit ends a process deep in non-tail recursion (100,000 frames, then busy) and one in a long non-tail computation; terminate clauses run with the process's arguments, §10.4 §10.5
fn spin(n :: Int) -> Int do
  spin(n + 1)
end

fn down(n :: Int) -> Int do
  if n == 0 do
    spin(0)
  else
    1 + down(n - 1)
  end
end

fn fib(n :: Int) -> Int do
  if n < 2 do
    n
  else
    fib(n - 1) + fib(n - 2)
  end
end

actor deep(boss, name :: String) do
  terminate do
    send(boss, name <> " stopped")
  end
  send(boss, name <> " started")
  if name == "down" do
    println("#{down(100000)}")
  else
    println("#{fib(60)}")
  end
end

actor driver() do
  let d = spawn(deep, self(), "down")
  receive do
    msg -> println(msg)
  end
  Process.exit(d, "shutdown")
  receive do
    msg -> println(msg)
  end
  let f = spawn(deep, self(), "fib")
  receive do
    msg -> println(msg)
  end
  Process.exit(f, "stop now")
  receive do
    msg -> println(msg)
  end
end

fn main() do
  spawn(driver)
end

# expect:
# down started
# down stopped
# fib started
# fib stopped
