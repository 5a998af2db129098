pub interface Describe do
  fn describe(self) -> String
end

pub struct Money do
  cents :: Int
end deriving(Display)

impl Describe for Money do
  fn describe(self) -> String = "#{self.cents} cents"
end

pub fn describe_all(xs :: List<Money>) -> String do
  xs |> List.map(fn m -> m.describe() end) |> String.join(", ")
end
