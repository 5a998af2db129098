# checks: an unlinked, unsupervised actor crash ends only that actor; main keeps running and exits 0, CONTRACT 9, §9
actor doomed() do
  let xs :: List<Int> = []
  println("#{List.get(xs, 3)}")
end

fn main() do
  spawn(doomed)
  Timer.sleep(50)
  println("main still running")
end

# expect-exit: 0
# expect:
# main still running
