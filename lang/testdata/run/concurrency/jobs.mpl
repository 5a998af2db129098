# checks: Job.async/await from main, awaiting jobs out of order, Job.map preserves input order, Job.await_timeout gives Err("timeout"), §10.8
fn show(r :: Result<Int, String>) -> String do
  case r do
    Ok(v) -> "ok #{v}"
    Err(e) -> "err " <> e
  end
end

fn main() do
  let j = Job.async(fn -> 6 * 7 end)
  println(show(Job.await(j)))
  let slow = Job.async(fn do
    Timer.sleep(40)
    1
  end)
  let fast = Job.async(fn -> 2 end)
  println(show(Job.await(fast)))
  println(show(Job.await(slow)))
  let results = Job.map([1, 2, 3], fn x do
    Timer.sleep(30 - x * 10)
    x * x
  end)
  println(String.join(List.map(results, show), ", "))
  let sleepy = Job.async(fn do
    Timer.sleep(300)
    5
  end)
  println(show(Job.await_timeout(sleepy, 10)))
  let quick = Job.async(fn -> 8 end)
  println(show(Job.await_timeout(quick, 5000)))
end

# expect:
# ok 42
# ok 2
# ok 1
# ok 1, ok 4, ok 9
# err timeout
# ok 8
