# checks: E0018 a supervisor child whose start closure does not spawn, §10.7 §14
fn make() -> Int = 1

supervisor Lazy do
  child c do
    start: fn -> make() end # ERROR "must return Pid"
  end
end

fn main() do
  println("x")
end
