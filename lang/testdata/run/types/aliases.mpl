# checks: transparent type aliases (forward references, alias of alias, Fun alias), §5.10
type Handler = Fun(Name) -> Greeting
type Greeting = String
type Name = Label
type Label = String
type Scores = Map<String, Int>

fn polite(n :: Name) -> Greeting = "Dear " <> n

fn run(h :: Handler, who :: String) -> String = h(who)

fn main() do
  let s :: Scores = %{"ann" => 3}
  println("#{Map.get(s, "ann")}")
  let g :: Greeting = run(polite, "Ann")
  println(g)
  let plain :: String = g
  println(String.length(plain) |> Int.to_string())
end

# expect:
# 3
# Dear Ann
# 8
