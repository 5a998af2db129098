fn main() do
  IO.puts("Hello from Mesh!")
end
