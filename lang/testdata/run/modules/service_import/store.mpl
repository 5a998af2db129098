service Tally do
  fn init(start :: Int) -> Int do
    start
  end

  cast Add(n :: Int) do |sum|
    sum + n
  end

  call Total() :: Int do |sum|
    (sum, sum)
  end
end
