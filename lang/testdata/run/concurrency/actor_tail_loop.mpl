# checks: actor self tail calls 1,000,000 deep through if/else and case arms run in constant stack, §7.3 §10.1
actor second(n :: Int) do
  case n do
    0 -> println("second done")
    _ -> second(n - 1)
  end
end

actor first(n :: Int, acc :: Int) do
  if n == 0 do
    println("first done #{acc}")
    spawn(second, 1000000)
  else
    first(n - 1, acc + 2)
  end
end

fn main() do
  spawn(first, 1000000, 0)
end

# expect:
# first done 2000000
# second done
