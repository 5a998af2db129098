# checks: string interpolation with #{} and ${}, nested strings, escapes, literal # and $, §2.5 §8
fn shout(s :: String) -> String = s <> "!"

fn main() do
  let name = "Mesh"
  let n = 3
  println("hello #{name}")
  println("hello ${name}")
  println("#{n} + #{n} = ${n + n}")
  println("nested: #{shout("a#{n}b")}")
  println("literal: \#{name} and \${name}")
  println("a # b $ c $5 #x")
  println("quote: \"#{name}\"")
  println("back\\slash")
  println("#{true} #{2.5} #{-1}")
  println("#{name}#{name}")
  println("")
  println("end")
end

# expect:
# hello Mesh
# hello Mesh
# 3 + 3 = 6
# nested: a3b!
# literal: #{name} and ${name}
# a # b $ c $5 #x
# quote: "Mesh"
# back\slash
# true 2.5 -1
# MeshMesh
#
# end
