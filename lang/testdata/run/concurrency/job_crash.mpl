# checks: Job.await returns Err("job crashed") when the job panics and main continues (§9 Recommended, §10.8)
fn main() do
  let j = Job.async(fn do
    let xs :: List<Int> = []
    List.head(xs) + 1
  end)
  case Job.await(j) do
    Ok(v) -> println("ok #{v}")
    Err(e) -> println("err " <> e)
  end
  println("main continues")
end

# expect-exit: 0
# expect:
# err job crashed
# main continues
