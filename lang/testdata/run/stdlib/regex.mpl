# checks: regex literals with flags, Regex.compile, is_match, captures (non-participating group ""), replace with $N and $$, split keeping empties, §2.5 §12.12
fn caps(re :: Regex, s :: String) -> String do
  case Regex.captures(re, s) do
    Some(groups) -> "#{groups}"
    None -> "no match"
  end
end

fn main() do
  println("#{Regex.is_match(~r/\d+/, "abc123")} #{Regex.is_match(~r/^\d+$/, "12a")}")
  println("#{Regex.is_match(~r/hello/i, "HeLLo world")} #{Regex.is_match(~r/hello/, "HeLLo world")}")
  println(caps(~r/(\w+)@(\w+)\.com/, "mail ann@host.com now"))
  println(caps(~r/(\w+)@(\w+)\.com/, "nothing here"))
  println(caps(~r/(a)(x)?/, "a"))
  println(Regex.replace(~r/\d/, "a1b22", "#"))
  println(Regex.replace(~r/(\w+)=(\w+)/, "k=v x=y", "$2:$1"))
  println(Regex.replace(~r/USD/, "5 USD", "$$"))
  println("#{Regex.split(~r/\s*,\s*/, "a , b,c")}")
  println("#{List.length(Regex.split(~r/,/, ",a,"))}")
  println("#{Regex.is_match(~r/a.b/s, "a\nb")} #{Regex.is_match(~r/a.b/, "a\nb")}")
  println("#{Regex.is_match(~r/^b$/m, "a\nb")} #{Regex.is_match(~r/^b$/, "a\nb")}")
  println("#{Regex.is_match(~r/a\/b/, "xa/by")}")
  case Regex.compile("ca+t") do
    Ok(re) -> println("#{Regex.is_match(re, "caaat")}")
    Err(_) -> println("compile failed")
  end
  case Regex.compile("(") do
    Ok(_) -> println("compiled?")
    Err(_) -> println("bad pattern")
  end
  println("#{Regex.is_match(~r/é+/, "café")}")
end

# expect:
# true false
# true false
# [ann@host.com, ann, host]
# no match
# [a, a, ]
# a#b##
# v:k y:x
# 5 $
# [a, b, c]
# 3
# true false
# true false
# true
# true
# bad pattern
# true
