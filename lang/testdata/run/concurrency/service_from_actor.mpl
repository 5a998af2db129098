# checks: actors calling services (call blocks the actor until the reply), Process.register/whereis names, §10.5 §10.6
service Bank do
  fn init() -> Int do
    0
  end

  cast Deposit(n :: Int) do |total|
    total + n
  end

  call Balance() :: Int do |total|
    (total, total)
  end
end

actor client(rounds :: Int) do
  let bank = Process.whereis("bank")
  Bank.deposit(bank, 10)
  Bank.deposit(bank, 5)
  println("client sees #{Bank.balance(bank)}")
end

fn main() do
  let b = Bank.start()
  println("#{Process.register("bank", b)}")
  println("#{Process.register("bank", b)}")
  Bank.deposit(b, 100)
  println("main sees #{Bank.balance(b)}")
  spawn(client, 1)
end

# expect:
# 0
# 1
# main sees 100
# client sees 115
