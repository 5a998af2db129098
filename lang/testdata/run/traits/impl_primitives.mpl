# checks: user traits implemented for built-in types (String, Int, Bool, List is not expressible), user Display for a sum type used inside collections, §6.1 §8
interface Describe do
  fn describe(self) -> String
end

impl Describe for String do
  fn describe(self) -> String = "string of #{String.length(self)}"
end

impl Describe for Int do
  fn describe(self) -> String do
    if self < 0 do
      "negative int"
    else
      "int"
    end
  end
end

impl Describe for Bool do
  fn describe(self) -> String = "bool"
end

type Suit do
  Hearts
  Spades
end

impl Display for Suit do
  fn to_string(self) -> String do
    case self do
      Hearts -> "♥"
      Spades -> "♠"
    end
  end
end

fn main() do
  println("abc".describe())
  println(describe(-4))
  println(7.describe())
  println(true.describe())
  println("#{[Hearts, Spades]}")
  println("#{%{"trump" => Spades}}")
  let s = Hearts
  println(s.to_string() <> "!")
end

# expect:
# string of 3
# negative int
# int
# bool
# [♥, ♠]
# %{trump => ♠}
# ♥!
