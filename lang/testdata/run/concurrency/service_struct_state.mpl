# checks: services with struct and list state, Option replies, init evaluated in the caller, §10.6
struct Stack do
  items :: List<Int>
  pushes :: Int
end

service StackServer do
  fn init(first :: Int) -> Stack do
    println("init in caller")
    Stack { items: [first], pushes: 1 }
  end

  cast Push(x :: Int) do |s|
    %{s | items: [x] ++ s.items, pushes: s.pushes + 1}
  end

  call Pop() :: Option<Int> do |s|
    case s.items do
      h :: t -> (%{s | items: t}, Some(h))
      _ -> (s, None)
    end
  end

  call Stats() :: String do |s|
    (s, "#{List.length(s.items)} items, #{s.pushes} pushes")
  end
end

fn show(o :: Option<Int>) -> String do
  case o do
    Some(v) -> "popped #{v}"
    None -> "empty"
  end
end

fn main() do
  let st = StackServer.start(1)
  StackServer.push(st, 2)
  StackServer.push(st, 3)
  println(StackServer.stats(st))
  println(show(StackServer.pop(st)))
  println(show(StackServer.pop(st)))
  println(show(StackServer.pop(st)))
  println(show(StackServer.pop(st)))
  println(StackServer.stats(st))
end

# expect:
# init in caller
# 3 items, 3 pushes
# popped 3
# popped 2
# popped 1
# empty
# 0 items, 3 pushes
