fn describe(n :: Int) -> String do
  if n < 0 do
    "neg"
  else if n == 0 do
    "zero"
  else
    "pos"
  end
end

fn name(x) do
  case x do
    1 -> "one"
    2 -> "two"
    n when n > 100 -> "big"
    _ -> "many"
  end
end

fn main() do
  println(describe(-1) <> " " <> describe(0) <> " " <> describe(5))
  println(name(1) <> " " <> name(2) <> " " <> name(500) <> " " <> name(7))
  let t = (1, "two")
  case t do
    (1, s) -> println("first is one, second #{s}")
    _ -> println("other")
  end
  let r = if false do 1 end
  println("#{r}")
  case "hi" do
    "hello" -> println("no")
    "hi" -> println("yes")
    _ -> println("default")
  end
end

# expect:
# neg zero pos
# one two big many
# first is one, second two
# ()
# yes
