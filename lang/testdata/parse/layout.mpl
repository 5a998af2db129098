# Layout rules of §3: separators, brackets, pipe continuation, newlines after `->`.
fn main() do
  let a = 1 let b = 2
  let c = 3; let d = 4;;
  let xs = [
    1,
    2,
  ]
  let m = %{
    "a" => 1,
    "b" => 2,
  }
  let total = List.map(xs, fn x do
    let y = x * 2
    case y do
      2 -> "two"
      _ -> "other"
    end
  end)
  let piped = xs
    |> List.map(fn x -> x + 1 end)
    |2> List.fold(0)
  let trailing = xs |>
    List.length()
  let chained = "abc"
    .to_upper()
    .length()
  let r = case a do
    1 ->
      "one"
    n when n > 1 -> do
      n
    end
    _ -> "many"
  end
  let w = receive do
    x -> x
  after 100 ->
    0
  end
  let f = fn x ->
    x + 1
  end
  let g = fn 0 -> "zero"
    | n -> "n"
  end
  let p = Point {
    x: 1,
    y: 2
  }
  let p2 = Point { x: 1 y: 2 }
  let long = foo(1,
    2,
    3)
  let s = "multi
line"
  if a do 1 else 2 end
  if a do
    1
  else
    if b do
      2
    end
  end
  println("#{
    a + b
  }")
end
