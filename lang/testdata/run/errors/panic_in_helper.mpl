# checks: the panic position is the failing call inside the helper, not the caller; List.last and List.tail of [] panic, CONTRACT 9, §9
fn newest(xs :: List<String>) -> String do
  List.last(xs)
end

fn main() do
  println(newest(["a", "b"]))
  let none :: List<String> = []
  println(newest(none))
end

# expect-exit: 101
# expect-stderr: :3:\d+: panic: .*empty list
# expect:
# b
