pub fn slugify(s :: String) -> String do
  s |> String.to_lower() |> String.split(" ") |> join_dash()
end

fn join_dash(parts :: List<String>) -> String = String.join(parts, "-")

pub fn clamp(x :: Int, lo :: Int, hi :: Int) -> Int do
  if x < lo do
    lo
  else if x > hi do
    hi
  else
    x
  end
end
