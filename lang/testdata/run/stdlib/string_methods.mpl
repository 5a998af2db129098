# checks: method-call syntax dispatching to String/List/Map stdlib functions, legacy snake_case aliases, §5.7 §12.0
fn main() do
  let s = "Hello"
  println("#{s.length()}")
  println(s.to_upper())
  println("#{s.contains("ell")}")
  println("a b c".split(" ").reverse() |> String.join("-"))
  let xs = [3, 1, 2]
  println("#{xs.length()} #{xs.reverse()} #{xs.head()}")
  let m = %{"k" => 1}
  println("#{m.keys()} #{m.has_key("k")}")
  println("#{string_length("abc")} #{string_to_upper("x")} #{string_contains("abc", "b")}")
  println("#{list_reverse([1, 2])} #{list_length([1])} #{list_append([1], 2)}")
  println("#{map_size(map_put(map_new(), "a", 1))}")
end

# expect:
# 5
# HELLO
# true
# c-b-a
# 3 [2, 1, 3] 3
# [k] true
# 3 X true
# [2, 1] 1 [1, 2]
# 1
