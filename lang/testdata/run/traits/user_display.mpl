# checks: user impl Display is used by interpolation, to_string, collections and derived Display of containing types, §6.2 §8
struct Temp do
  deg :: Float
end

impl Display for Temp do
  fn to_string(self) -> String = "#{self.deg}°C"
end

struct Reading do
  place :: String
  temp :: Temp
end deriving(Display)

type Alert do
  Hot(Temp)
  Calm
end deriving(Display)

fn main() do
  let t = Temp { deg: 21.5 }
  println("#{t}")
  println(t.to_string())
  println(to_string(t))
  println("#{[t, Temp { deg: -3.0 }]}")
  println("#{Reading { place: "attic", temp: t }}")
  println("#{Hot(t)} #{Calm}")
end

# expect:
# 21.5°C
# 21.5°C
# 21.5°C
# [21.5°C, -3°C]
# Reading(attic, 21.5°C)
# Hot(21.5°C) Calm
