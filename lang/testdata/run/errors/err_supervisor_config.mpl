# checks: E0019 unknown strategy, E0020 bad restart type, E0021 bad shutdown value, §10.7 §14
actor w() do
  receive do
    x -> println(x)
  end
end

supervisor Bad do
  strategy: all_at_once # ERROR "unknown supervision strategy .all_at_once."
  child c1 do
    start: fn -> spawn(w) end
    restart: sometimes # ERROR "invalid restart type .sometimes. for child .c1."
  end
  child c2 do
    start: fn -> spawn(w) end
    shutdown: never # ERROR "invalid shutdown value .never. for child .c2."
  end
end

fn main() do
  println("x")
end
