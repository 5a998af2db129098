fn main() do
  let s = "héllo"
  println("#{String.length(s)}")
  println(String.to_upper("mesh") <> "!")
  println(String.slice("mesh-lang", 5, 100))
  println("#{String.contains("abc", "b")} #{String.starts_with("abc", "ab")} #{String.ends_with("abc", "x")}")
  println(String.join(String.split("a,,b", ","), "|"))
  println(String.replace("a-b-c", "-", "+"))
  println(String.trim("  pad  "))
  let name = "Ann"
  let age = 3
  println("#{name} is #{age} years old")
  println("#{"a" == "a"}")
end

# expect:
# 5
# MESH!
# lang
# true true false
# a||b
# a+b+c
# pad
# Ann is 3 years old
# true
