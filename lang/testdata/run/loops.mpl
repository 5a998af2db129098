fn main() do
  let odds_squared = for n in 1..8 when n % 2 == 1 do
    n * n
  end
  println("#{odds_squared}")
  for x in [1, 2, 3] do
    println("x=#{x}")
  end
  let m = %{"k" => 1, "j" => 2}
  for {k, v} in m do
    println("#{k}:#{v}")
  end
  let firsts = for i in 0..10 do
    if i == 3 do
      break
    end
    i
  end
  println("#{firsts}")
end

# expect:
# [1, 9, 25, 49]
# x=1
# x=2
# x=3
# k:1
# j:2
# [0, 1, 2]
