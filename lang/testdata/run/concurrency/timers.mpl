# checks: Timer.sleep in main (including ms <= 0), Timer.send_after delivery order, pending timers keep the program alive after main returns, §10.8 §10.9
actor clock() do
  receive do
    n -> do
      println("tick #{n}")
      clock()
    end
  end
end

fn main() do
  println("before sleep")
  Timer.sleep(20)
  Timer.sleep(0)
  Timer.sleep(-5)
  println("after sleep")
  let c = spawn(clock)
  send(c, 1)
  Timer.send_after(c, 150, 3)
  Timer.send_after(c, 40, 2)
end

# expect:
# before sleep
# after sleep
# tick 1
# tick 2
# tick 3
