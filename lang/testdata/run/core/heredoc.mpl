# checks: heredoc dedent rules (first line break dropped, trim level from last line, interpolation), §2.5
fn main() do
  let n = 3
  let report = """
    total: #{n}
      (indented two more)
    """
  println(report)
  println("---")
  let inline = """one "quoted" line"""
  println(inline)
  println("---")
  let tight = """
    a
    b"""
  println(tight)
  println("---")
  let shallow = """
      deep
    shallow
  """
  println(shallow)
  println("[end]")
end

# expect:
# total: 3
#   (indented two more)
# ---
# one "quoted" line
# ---
# a
# b
# ---
#     deep
#   shallow
# [end]
