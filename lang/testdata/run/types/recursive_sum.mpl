# checks: recursive sum types, recursion over them, multi-clause functions with constructor params, §4.3 §5.5 §5.11
type Expr do
  Num(Int)
  Plus(Expr, Expr)
  Times(Expr, Expr)
  Minus(Expr)
end

fn eval(Num(n)) = n
fn eval(Plus(a, b)) = eval(a) + eval(b)
fn eval(Times(a, b)) = eval(a) * eval(b)
fn eval(Minus(e)) = 0 - eval(e)

fn render(e :: Expr) -> String do
  case e do
    Num(n) -> "#{n}"
    Plus(a, b) -> "(#{render(a)} + #{render(b)})"
    Times(a, b) -> "#{render(a)} * #{render(b)}"
    Minus(x) -> "-#{render(x)}"
  end
end

fn main() do
  let e = Times(Plus(Num(2), Num(3)), Minus(Num(4)))
  println(render(e))
  println("#{eval(e)}")
  println("#{eval(Num(7))}")
end

# expect:
# (2 + 3) * -4
# -20
# 7
