# checks: a second terminate clause in one actor is a parse error, §10.1
actor worker() do
  terminate do
    println("one")
  end
  terminate do # ERROR "only one .terminate. clause is allowed per actor block"
    println("two")
  end
end

fn main() do
  println("x")
end
