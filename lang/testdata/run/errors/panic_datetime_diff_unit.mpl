# checks: DateTime.diff with an unknown unit atom panics with the DateTime.diff prefix, §9 §12.11
fn main() do
  case DateTime.from_unix_secs(60) do
    Ok(dt) -> println("#{DateTime.diff(dt, dt, :year)}")
    Err(_) -> println("no date")
  end
end

# expect-exit: 101
# expect-stderr: panic: DateTime.diff: unknown unit "year"; valid units are :ms, :second, :minute, :hour, :day, :week
# expect:
