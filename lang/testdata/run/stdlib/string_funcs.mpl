# checks: String length/slice/contains/starts_with/ends_with/trim/case/replace/split/join counting code points, §12.1
fn main() do
  println("#{String.length("héllo")} #{String.length("")}")
  println(String.slice("mesh-lang", 5, 100))
  println(String.slice("mesh", -3, 2))
  println("[" <> String.slice("mesh", 3, 1) <> "]")
  println(String.slice("héllo", 1, 3))
  println("#{String.contains("haystack", "st")} #{String.contains("abc", "")} #{String.contains("abc", "x")}")
  println("#{String.starts_with("mesh-lang", "mesh")} #{String.ends_with("mesh-lang", "lang")} #{String.ends_with("a", "abc")}")
  println("[" <> String.trim("  padded \n") <> "]")
  println(String.to_upper("straße"))
  println(String.to_lower("ÀBC"))
  println(String.replace("a-b-c", "-", "+"))
  println(String.replace("aaa", "aa", "b"))
  println(String.replace("ab", "", "-"))
  println("#{String.split("a,,b", ",")}")
  println("#{List.length(String.split("", ","))}")
  println(String.join(String.split("ab", ""), "|"))
  println("#{String.split("k=v", "=")}")
  println(String.join(["x", "y", "z"], ", "))
  println(String.join([], ", ") <> "|")
end

# expect:
# 5 0
# lang
# me
# []
# él
# true true false
# true true false
# [padded]
# STRASSE
# àbc
# a+b+c
# ba
# -a-b-
# [a, , b]
# 1
# |a|b|
# [k, v]
# x, y, z
# |
