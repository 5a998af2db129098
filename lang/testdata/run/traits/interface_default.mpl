# checks: interfaces with required and default methods, impls for structs and sum types, method and free-function call forms, §6.1 §5.7
interface Animal do
  fn name(self) -> String
  fn sound(self) -> String
  fn speak(self) -> String do
    self.name() <> " says " <> self.sound()
  end
end

struct Dog do
  nick :: String
end

type Bird do
  Crow
  Parrot(String)
end

impl Animal for Dog do
  fn name(self) -> String = self.nick
  fn sound(self) -> String = "woof"
end

impl Animal for Bird do
  fn name(self) -> String do
    case self do
      Crow -> "crow"
      Parrot(n) -> n
    end
  end
  fn sound(self) -> String = "caw"
  fn speak(self) -> String = name(self) <> " squawks"
end

fn main() do
  let d = Dog { nick: "Rex" }
  println(d.speak())
  println(speak(d))
  println(sound(d))
  let c = Crow
  println(c.speak())
  println(Parrot("Polly").speak())
  println(name(Parrot("Kiwi")))
end

# expect:
# Rex says woof
# Rex says woof
# woof
# crow squawks
# Polly squawks
# Kiwi
