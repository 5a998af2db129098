import Alpha

fn main() do
  println(Alpha.a())
end
