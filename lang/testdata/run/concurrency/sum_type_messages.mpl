# checks: sum-type messages matched by variant in one receive, reply Pids inside messages, actor exit when the body ends without looping, terminate on normal exit, §10.1 §10.3
type Cmd do
  Add(Int)
  Report(Pid<Int>)
  Stop
end

actor account(balance :: Int) do
  terminate do
    println("account closed")
  end
  receive do
    Add(n) -> account(balance + n)
    Report(to) -> do
      send(to, balance)
      account(balance)
    end
    Stop -> println("stopping")
  end
end

actor auditor(acct) do
  send(acct, Add(5))
  send(acct, Add(7))
  send(acct, Report(self()))
  receive do
    b -> println("auditor saw #{b}")
  end
  send(acct, Add(1))
  send(acct, Stop)
end

fn main() do
  let a = spawn(account, 100)
  spawn(auditor, a)
end

# expect:
# auditor saw 112
# stopping
# account closed
