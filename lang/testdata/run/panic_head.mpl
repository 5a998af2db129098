fn main() do
  let xs :: List<Int> = []
  println("#{List.head(xs)}")
end

# expect-exit: 101
# expect-stderr: ^panic_head.mpl:3:14: panic: mesh_list_head: empty list\n(.|\n)*Main.main
# expect:
