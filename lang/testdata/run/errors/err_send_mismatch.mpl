# checks: E0014 sending a value of the wrong type to a typed Pid, §10.2 §14
actor counter(n :: Int) do
  receive do
    k -> counter(n + k)
  end
end

fn main() do
  let c = spawn(counter, 0)
  send(c, 1)
  send(c, "two") # ERROR "message type mismatch"
end
