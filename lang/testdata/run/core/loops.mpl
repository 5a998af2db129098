# checks: for comprehensions over ranges/lists/maps, when filters, break/continue, while with break, §7.4
fn main() do
  let odds_squared = for n in 1..8 when n % 2 == 1 do
    n * n
  end
  println("#{odds_squared}")
  let empty = for n in 5..5 do
    n
  end
  println("#{empty}")
  let backwards = for n in 3..1 do
    n
  end
  println("#{backwards}")
  let names = for s in ["ann", "bob"] do
    s <> "!"
  end
  println("#{names}")
  let ages = %{"ann" => 31, "bob" => 42}
  let lines = for {k, v} in ages do
    "#{k}=#{v}"
  end
  println("#{lines}")
  let keys = for k in ages do
    k
  end
  println("#{keys}")
  let skipped = for n in 0..10 do
    if n % 3 == 0 do
      continue
    end
    if n > 7 do
      break
    end
    n
  end
  println("#{skipped}")
  let total = for n in [1, 2, 3] do
    for m in [10, 20] do
      n * m
    end
  end
  println("#{total}")
  while true do
    println("once")
    break
  end
  for i in 0..3 do
    println("i=#{i}")
  end
  let i = 10
  for i in 0..2 do
    i
  end
  println("#{i}")
end

# expect:
# [1, 9, 25, 49]
# []
# []
# [ann!, bob!]
# [ann=31, bob=42]
# [ann, bob]
# [1, 2, 4, 5, 7]
# [[10, 20], [20, 40], [30, 60]]
# once
# i=0
# i=1
# i=2
# 10
