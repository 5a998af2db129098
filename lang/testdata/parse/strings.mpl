# Strings (§2.5): escapes, both interpolation styles, nesting, heredocs, regex literals.
fn main() do
  let esc = "tab\tnl\ncr\rnul\0bs\\q\"other\q\#{not}\${not}\$"
  let a = "x = #{x}, y = ${y}"
  let nested = "a #{f("b#{x}")} c"
  let braces = "#{ %{"k" => 1} }"
  let hash = "# not a comment, $ and # alone"
  let h1 = """
    total: #{n}
      (indented two more)
    """
  let h2 = """one "quoted" "" line"""
  let h3 = """
    a
    b"""
  let r1 = ~r/^\d+$/
  let r2 = ~r/a\/b/ims
  let r3 = ~r/[a-z]+/i
  let empty = ""
  let u = "héllo wörld ✓"
end
