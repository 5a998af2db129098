# checks: heredoc dedent applies to the whole literal, so interpolations at line starts keep their line breaks and spaces between them (§2.5 Recommended)
fn main() do
  let a = "x"
  let b = "y"
  let s = """
    #{a} #{b}
    next
    """
  println(s)
  let t = """
    head
    #{a}
      #{b}
    """
  println(t)
  println("[end]")
end

# expect:
# x y
# next
# head
# x
#   y
# [end]
