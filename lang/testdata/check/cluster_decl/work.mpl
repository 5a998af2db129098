@cluster pub fn add() -> Int do
  1 + 1
end

@cluster(3) fn hidden_submit() -> Int = 3 # ERROR "CFG0001 clustered declaration `work` for `Work.hidden_submit` from a source `@cluster` decorator with replication count 3 \(explicit\) is invalid: target resolves to a private function"

@cluster(0) pub fn zero() -> Int = 0 # ERROR "CFG0001 .*replication count 0 \(explicit\) is invalid"

@cluster pub fn with_args(n :: Int) -> Int = n # ERROR "CFG0001 declared work target `Work.with_args` must use either"

@cluster(1) pub fn legacy(request_key :: String, attempt_id :: String) -> Int = 1
