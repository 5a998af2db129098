# checks: Regex named groups in replacement ($name), captures of several groups, §12.12
fn main() do
  let re = ~r/(?P<year>\d{4})-(?P<month>\d{2})/
  println(Regex.replace(re, "on 2024-05 and 1999-12", "$month/$year"))
  case Regex.captures(re, "due 2030-01!") do
    Some(g) -> println(String.join(g, " | "))
    None -> println("none")
  end
  println("#{Regex.split(~r/\d+/, "a1b22c333")}")
  println(Regex.replace(~r/\s+/, "lots   of  space", " "))
end

# expect:
# on 05/2024 and 12/1999
# 2030-01 | 2030 | 01
# [a, b, c, ]
# lots of space
