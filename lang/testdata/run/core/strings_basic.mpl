# checks: string concatenation with <> and ++, equality by content, byte-wise ordering, multi-line literal, §5.6 §7.5 §2.5
fn main() do
  let a = "mesh"
  let b = "me" <> "sh"
  println("#{a == b}")
  println("#{a != "Mesh"}")
  println(a ++ "-lang")
  println("#{"apple" < "banana"}")
  println("#{"b" > "abc"}")
  println("#{"Z" < "a"}")
  let two = "line one
line two"
  println(two)
  println("tab[\t]")
end

# expect:
# true
# true
# mesh-lang
# true
# true
# true
# line one
# line two
# tab[	]
