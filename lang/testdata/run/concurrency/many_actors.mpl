# checks: 10,000 lightweight actors each messaging one collector; the count arrives complete, §10.4
actor collector(expected :: Int, seen :: Int) do
  receive do
    _id -> do
      let s = seen + 1
      if s == expected do
        println("all #{s} reported")
      end
      collector(expected, s)
    end
  end
end

actor reporter(c, id :: Int) do
  send(c, id)
end

fn main() do
  let c = spawn(collector, 10000, 0)
  for i in 0..10000 do
    spawn(reporter, c, i)
  end
end

# expect:
# all 10000 reported
