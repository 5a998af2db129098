# checks: terminate clause runs once when the actor body finishes normally, after the body, §10.1
actor worker(n :: Int) do
  println("working #{n}")
  terminate do
    println("cleanup #{n}")
  end
  println("finished #{n}")
end

fn main() do
  spawn(worker, 7)
end

# expect:
# working 7
# finished 7
# cleanup 7
