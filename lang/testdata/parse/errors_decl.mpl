# Declaration-level parse errors; each must be reported, all in one run.
pub actor a() do # ERROR "expected `fn`, `module`, `struct`, `interface`, `type`, or `supervisor` after `pub`"
end

pub let x = 1 # ERROR "after `pub`"

clustered(work) fn g() do # ERROR "^legacy `clustered\(work\)` declarations are no longer supported; migrate to `@cluster` or `@cluster\(N\)` before `fn`/`def`$"
  1
end

@cluster(1, 2) pub fn h() do # ERROR "expected exactly one replication count in `@cluster\(N\)`"
  1
end

@cluster(x) pub fn h2() do 1 end # ERROR "expected integer replication count inside `@cluster\(...\)`"
@cluster(2 pub fn h3() do 1 end # ERROR "expected `\)` to close `@cluster\(...\)`"
@foo pub fn h4() do 1 end # ERROR "expected `cluster` after `@`"
@cluster let z = 1 # ERROR "expected `fn` or `def` after `@cluster`"

struct S do
  a :: Int, # ERROR "unexpected ','"
  b Int # ERROR "expected '::' after field name"
end

type T do
  A(Int # ERROR "expected '\)' to close '\(' opened at 26:4, found identifier 'B'"
  B
end

interface I do
  let q = 1 # ERROR "expected 'fn' or 'type' in interface 'I'"
end

service Svc do
  let q = 1 # ERROR "expected `fn`, `call` or `cast` in service 'Svc'"
  cast Bad() :: Int do |s| # ERROR "a `cast` handler has no reply type"
    s
  end
end

actor two() do
  terminate do
    1
  end
  terminate do # ERROR "only one `terminate` clause is allowed per actor block"
    2
  end
end

supervisor Sup do
  strategy: 42 # ERROR "expected a name after `strategy:`"
  max_restarts: many # ERROR "expected an integer after `max_restarts:`"
  colour: red # ERROR "expected `strategy`, `max_restarts`, `max_seconds` or `child`"
  child c do
    restart: 1 # ERROR "expected a name after `restart:`"
    oops: 1 # ERROR "expected `start`, `restart`, `shutdown`"
  end
end

import * # ERROR "glob imports are not supported"
from Util import * # ERROR "glob imports are not supported"

fn nobody(x) # ERROR "expected 'do' or '=' to start the body of function 'nobody'"

describe("g") do
  setup do
    1
  end
  setup do # ERROR "only one `setup` block is allowed per describe"
    2
  end
  println("x") # ERROR "expected `test`, `setup` or `teardown` inside describe"
end

end # ERROR "unexpected 'end'"
