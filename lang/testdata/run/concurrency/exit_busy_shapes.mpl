# checks: Process.exit stops processes busy in a closure called by a native (List.map), in a for loop whose filter never passes and in a while loop; each terminate clause runs, §10.4 §10.5 §11
fn spin(n :: Int) -> Int do
  spin(n + 1)
end

actor busy(boss, shape :: String) do
  terminate do
    send(boss, shape <> " stopped")
  end
  send(boss, shape <> " busy")
  if shape == "map" do
    let xs = List.map([1, 2, 3], fn x -> spin(x) end)
    println("map returned #{List.length(xs)}")
  else
    if shape == "for" do
      let ys = for x in 0..2000000000 when x < 0 do
        x
      end
      println("for returned #{List.length(ys)}")
    else
      let i = 0
      while i < 1 do
        ()
      end
      println("while returned")
    end
  end
end

actor driver(shapes :: List<String>) do
  case shapes do
    shape :: rest -> do
      let p = spawn(busy, self(), shape)
      receive do
        msg -> println(msg)
      end
      Process.exit(p, "shutdown")
      receive do
        msg -> println(msg)
      end
      driver(rest)
    end
    _ -> println("all stopped")
  end
end

fn main() do
  spawn(driver, ["map", "for", "while"])
end

# expect:
# map busy
# map stopped
# for busy
# for stopped
# while busy
# while stopped
# all stopped
