actor printer() do
  receive do
    n -> println("total #{n}")
  end
end

actor counter(total :: Int, out) do
  receive do
    0 -> send(out, total)
    n -> counter(total + n, out)
  end
end

fn main() do
  let p = spawn(printer)
  let c = spawn(counter, 0, p)
  send(c, 5)
  send(c, 7)
  send(c, 0)
end

# expect:
# total 12
