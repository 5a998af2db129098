# checks: restart types: transient child exiting normally is not restarted, permanent child exiting normally is restarted up to the intensity limit, default max_restarts is 3, §10.7
actor once() do
  println("transient ran")
end

actor again() do
  println("permanent ran")
end

supervisor OnlyOnce do
  strategy: one_for_one
  child t do
    start: fn -> spawn(once) end
    restart: transient
  end
end

supervisor Repeats do
  child p do
    start: fn -> spawn(again) end
    restart: permanent
    shutdown: brutal_kill
  end
end

fn main() do
  spawn(OnlyOnce)
  Timer.sleep(200)
  spawn(Repeats)
end

# expect:
# transient ran
# permanent ran
# permanent ran
# permanent ran
# permanent ran
