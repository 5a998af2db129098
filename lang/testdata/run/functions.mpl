fn add(a :: Int, b :: Int) -> Int do
  a + b
end

fn double(x) = x * 2

pub fn greet(name :: String) -> String do
  "Hello, #{name}"
end

fn fact(0) = 1
fn fact(n) = n * fact(n - 1)

fn sign(n) when n < 0 = "negative"
fn sign(0) = "zero"
fn sign(_) = "positive"

fn main() do
  println("#{add(2, 3)}")
  println("#{double(21)}")
  println(greet("Mesh"))
  println("#{fact(10)}")
  println("#{sign(-5)} #{sign(0)} #{sign(9)}")
end

# expect:
# 5
# 42
# Hello, Mesh
# 3628800
# negative zero positive
