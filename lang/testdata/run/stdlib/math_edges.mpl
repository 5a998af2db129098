# checks: Float.to_int/Math.round of NaN and out-of-range values (NaN -> 0, saturate; §12.2 Recommended), IEEE NaN comparisons (§7.5 Recommended)
fn main() do
  let nan = 0.0 / 0.0
  let huge = 1.0e300
  println("#{Float.to_int(nan)} #{Float.to_int(huge)} #{Float.to_int(0.0 - huge)}")
  println("#{Math.round(huge)} #{Math.floor(0.0 - huge)} #{Math.ceil(nan)}")
  println("#{nan == nan} #{nan != nan} #{nan < 1.0} #{nan > 1.0} #{nan <= nan}")
  println("#{Math.max(2.0, 3.0)} #{Math.min(-1, -2)} #{Math.abs(-0.5)}")
end

# expect:
# 0 9223372036854775807 -9223372036854775808
# 9223372036854775807 -9223372036854775808 0
# false true false false false
# 3 -2 0.5
