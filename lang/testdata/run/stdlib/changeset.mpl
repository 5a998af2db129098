# checks: Changeset cast (listed keys only), validate_required/format (substring)/number/length/inclusion, first error per field kept, get_change/get_error, §12.20
fn main() do
  let data = %{"name" => "", "email" => "old@x"}
  let params = %{"name" => "Ann", "email" => "ann-at-x", "role" => "admin", "age" => "17", "plan" => "gold"}
  let cs = Changeset.cast(data, params, [:name, :email, :age, :plan])
  println("#{Changeset.changes(cs)}")
  println("#{Changeset.valid(cs)}")
  let cs = Changeset.validate_required(cs, [:name, :email])
  let cs = Changeset.validate_format(cs, :email, "@")
  let cs = Changeset.validate_format(cs, :email, "x")
  let cs = Changeset.validate_number(cs, :age, -1, -1, 18, -1)
  let cs = Changeset.validate_length(cs, :name, 2, 10)
  let cs = Changeset.validate_inclusion(cs, :plan, ["free", "pro"])
  println("#{Changeset.valid(cs)}")
  println(Changeset.get_error(cs, :email))
  println(Changeset.get_error(cs, :age))
  println(Changeset.get_error(cs, :plan))
  println("[" <> Changeset.get_error(cs, :name) <> "]")
  println(Changeset.get_change(cs, :name) <> " [" <> Changeset.get_change(cs, :role) <> "]")
  println("#{Map.size(Changeset.errors(cs))}")
  let blank = Changeset.cast(%{}, %{"title" => ""}, [:title])
  let blank = Changeset.validate_required(blank, [:title, :body])
  println(Changeset.get_error(blank, :title) <> " / " <> Changeset.get_error(blank, :body))
  let short = Changeset.cast(%{}, %{"pw" => "abc", "n" => "x1"}, [:pw, :n])
  let short = Changeset.validate_length(short, :pw, 5, -1)
  let short = Changeset.validate_number(short, :n, 0, -1, -1, -1)
  println(Changeset.get_error(short, :pw) <> " / " <> Changeset.get_error(short, :n))
  let nums = Changeset.cast(%{}, %{"a" => "5", "b" => "5", "c" => "20"}, [:a, :b, :c])
  let nums = Changeset.validate_number(nums, :a, 5, -1, -1, -1)
  let nums = Changeset.validate_number(nums, :b, -1, 5, -1, -1)
  let nums = Changeset.validate_number(nums, :c, -1, -1, -1, 10)
  println(Changeset.get_error(nums, :a) <> " / " <> Changeset.get_error(nums, :b) <> " / " <> Changeset.get_error(nums, :c))
  let long = Changeset.validate_length(Changeset.cast(%{}, %{"t" => "abcdef"}, [:t]), :t, -1, 3)
  println(Changeset.get_error(long, :t))
end

# expect:
# %{name => Ann, email => ann-at-x, age => 17, plan => gold}
# true
# false
# has invalid format
# must be greater than or equal to 18
# is invalid
# []
# Ann []
# 3
# can't be blank / can't be blank
# should be at least 5 character(s) / is not a number
# must be greater than 5 / must be less than 5 / must be less than or equal to 10
# should be at most 3 character(s)
