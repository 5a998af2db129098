# programs that must check cleanly: mutual recursion, forward references, generic helpers, nested closures
type Msg do
  Add(Int)
  Get(Pid)
  Stop
end

struct State do
  total :: Int
  log :: List<String>
end

actor counter(st :: State) do
  receive do
    Add(n) -> counter(%{st | total: st.total + n, log: List.append(st.log, "add #{n}")})
    Get(reply) -> do
      send(reply, st.total)
      counter(st)
    end
    Stop -> println("stopped at #{st.total}")
  end
end

fn is_even(0) = true
fn is_even(n) = is_odd(n - 1)

fn is_odd(0) = false
fn is_odd(n) = is_even(n - 1)

fn map_opt(o, f) do
  case o do
    Some(v) -> Some(f(v))
    None -> None
  end
end

fn compose(f, g) = fn x -> g(f(x)) end

fn uses_later() -> String = later_helper(2)

fn later_helper(n :: Int) -> String = "#{n}"

fn sum_to(n) do
  let xs = for i in 0..n do
    i
  end
  List.reduce(xs, 0, fn acc, x -> acc + x end)
end

fn adders() -> List<Fun(Int) -> Int> do
  for i in [1, 2, 3] do
    (fn x -> x + i end)
  end
end

fn main() do
  let c = spawn(counter, State { total: 0, log: [] })
  send(c, Add(2))
  send(c, Stop)
  let a = map_opt(Some(2), fn x -> x * 10 end)
  let b = map_opt(Some("s"), fn x -> x <> "!" end)
  let inc_then_str = compose(fn x -> x + 1 end, fn y -> "#{y}" end)
  let fs = adders()
  let applied = List.map(fs, fn f -> f(10) end)
  let nested = List.map([[1, 2], [3]], fn row -> List.map(row, fn v -> v * 2 end) end)
  let words = ["b", "a"] |> List.sort(fn x, y -> if x < y do -1 else 1 end end)
  println("#{is_even(10)} #{a} #{b} #{inc_then_str(1)} #{uses_later()} #{sum_to(4)} #{applied} #{nested} #{words}")
end
