# checks: DateTime ISO 8601 parse (zones, fraction truncated to ms, zone required), to_iso8601 format, unix conversions, add/diff units, comparisons, §12.11
fn iso(s :: String) -> String do
  case DateTime.from_iso8601(s) do
    Ok(dt) -> DateTime.to_iso8601(dt)
    Err(e) -> "error: " <> e
  end
end

fn main() do
  println(iso("2024-01-15T10:30:00+05:30"))
  println(iso("2024-01-15T10:30:00"))
  println(iso("2024-02-29T23:59:59.123456Z"))
  println(iso("2023-12-31T22:00:00-03:00"))
  println(iso("not a date"))
  case DateTime.from_unix_ms(1705312200000) do
    Ok(dt) -> do
      println(DateTime.to_iso8601(dt))
      println(DateTime.to_iso8601(DateTime.add(dt, 2, :day)))
      println(DateTime.to_iso8601(DateTime.add(dt, -90, :minute)))
      println(DateTime.to_iso8601(DateTime.add(dt, 1, :week)))
      println(DateTime.to_iso8601(DateTime.add(dt, 1500, :ms)))
      println(DateTime.to_iso8601(DateTime.add(dt, 30, :second)))
      let later = DateTime.add(dt, 36, :hour)
      println("#{DateTime.diff(later, dt, :hour)} #{DateTime.diff(dt, later, :day)} #{DateTime.diff(later, dt, :minute)}")
      println("#{DateTime.is_before(dt, later)} #{DateTime.is_after(dt, later)} #{DateTime.is_before(dt, dt)}")
      println("#{DateTime.to_unix_secs(dt)} #{DateTime.to_unix_ms(dt)}")
    end
    Err(e) -> println("error: " <> e)
  end
  case DateTime.from_unix_secs(0) do
    Ok(epoch) -> println(DateTime.to_iso8601(epoch))
    Err(e) -> println("error: " <> e)
  end
  case DateTime.from_unix_ms(-1500) do
    Ok(before) -> println("#{DateTime.to_unix_secs(before)} " <> DateTime.to_iso8601(before))
    Err(e) -> println("error: " <> e)
  end
end

# expect:
# 2024-01-15T05:00:00.000Z
# error: invalid ISO 8601 datetime
# 2024-02-29T23:59:59.123Z
# 2024-01-01T01:00:00.000Z
# error: invalid ISO 8601 datetime
# 2024-01-15T09:50:00.000Z
# 2024-01-17T09:50:00.000Z
# 2024-01-15T08:20:00.000Z
# 2024-01-22T09:50:00.000Z
# 2024-01-15T09:50:01.500Z
# 2024-01-15T09:50:30.000Z
# 36 -1.5 2160
# true false false
# 1705312200 1705312200000
# 1970-01-01T00:00:00.000Z
# -1 1969-12-31T23:59:58.500Z
