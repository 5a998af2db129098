fn build(i :: Int, n :: Int, acc :: List<Int>) -> List<Int> do
  if i == n do
    acc
  else
    build(i + 1, n, List.append(acc, i))
  end
end

fn main() do
  let xs = build(0, 100000, [])
  let ys = List.append(List.take(xs, 2), 7)
  println("#{List.length(xs)} #{List.last(xs)} #{List.get(xs, 2)}")
  println("#{ys}")
end

# expect:
# 100000 99999 2
# [0, 1, 7]
