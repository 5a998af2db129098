# checks: E0017 receive in a plain function, §10.1 §14
fn wait_one() -> Int do
  let m = receive do x -> x end # ERROR "receive used outside actor"
  m + 1
end

fn main() do
  println("#{wait_one()}")
end
