fn main() do
  println("Hello, world!")
  print("no newline")
  println("")
  IO.puts("Hello from Mesh!")
end

# expect:
# Hello, world!
# no newline
# Hello from Mesh!
