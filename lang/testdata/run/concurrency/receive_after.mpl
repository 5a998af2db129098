# checks: receive ... after timeout branch, after 0 only checks the mailbox, messages to self, §10.3 §10.9
actor waiter() do
  receive do
    msg -> println("got " <> msg)
  after 30 -> println("timed out")
  end
  send(self(), "mine")
  let first = receive do
    m -> "got " <> m
  after 0 -> "empty"
  end
  println(first)
  let second = receive do
    m -> "got " <> m
  after 0 -> "empty"
  end
  println(second)
  let limit = 10 + 5
  receive do
    m -> println("late " <> m)
  after limit -> println("gave up after #{limit}")
  end
end

fn main() do
  spawn(waiter)
end

# expect:
# timed out
# got mine
# empty
# gave up after 15
