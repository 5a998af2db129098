pub struct Product do
  cents :: Int
  name :: String
end deriving(Json)

pub type Status do
  Available(Int)
  SoldOut
end

fn two_digits(n :: Int) -> String do
  if n < 10 do
    "0#{n}"
  else
    "#{n}"
  end
end

pub fn label(p :: Product) -> String = p.name <> ": #{p.cents / 100}." <> two_digits(p.cents % 100)

pub fn restock(p :: Product, n :: Int) -> Product = %{p | name: p.name <> " x#{n}"}

pub fn status_text(s :: Status) -> String do
  case s do
    Available(n) -> "#{n} left"
    SoldOut -> "sold out"
  end
end
