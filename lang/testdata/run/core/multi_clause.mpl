# checks: multi-clause functions with literal patterns, guards, wildcard, constructor and tuple params, §5.5
fn size_word(0) = "none"
fn size_word(1) = "one"
fn size_word(n) when n < 0 = "minus"
fn size_word(n) when n % 2 == 0 = "even many"
fn size_word(_) = "odd many"

fn fib(0) = 0
fn fib(1) = 1
fn fib(n) = fib(n - 1) + fib(n - 2)

fn greet("admin") = "welcome back"
fn greet(name) = "hello " <> name

fn unwrap_or(Some(v), _) = v
fn unwrap_or(None, d) = d

fn quadrant((0, 0)) = "origin"
fn quadrant((x, y)) when x > 0 and y > 0 = "first"
fn quadrant(_) = "elsewhere"

fn main() do
  println(size_word(0))
  println(size_word(1))
  println(size_word(-4))
  println(size_word(6))
  println(size_word(7))
  println("#{fib(15)}")
  println(greet("admin"))
  println(greet("ann"))
  println("#{unwrap_or(Some(5), 0)}")
  println("#{unwrap_or(None, 9)}")
  println(quadrant((0, 0)))
  println(quadrant((2, 3)))
  println(quadrant((-1, 3)))
end

# expect:
# none
# one
# minus
# even many
# odd many
# 610
# welcome back
# hello ann
# 5
# 9
# origin
# first
# elsewhere
