# checks: DateTime.add with an unknown unit atom panics with the exact message listing valid units, §9 §12.11
fn main() do
  case DateTime.from_unix_secs(0) do
    Ok(dt) -> do
      println(DateTime.to_iso8601(DateTime.add(dt, 1, :hour)))
      println(DateTime.to_iso8601(DateTime.add(dt, 1, :fortnight)))
    end
    Err(_) -> println("no date")
  end
end

# expect-exit: 101
# expect-stderr: panic: DateTime.add: unknown unit "fortnight"; valid units are :ms, :second, :minute, :hour, :day, :week
# expect:
# 1970-01-01T01:00:00.000Z
