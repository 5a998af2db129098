# test DSL: test/describe blocks, setup lets visible in tests, self()/receive allowed
fn double(x :: Int) -> Int = x * 2

test("doubles") do
  assert(double(2) == 4)
  assert_eq("#{double(3)}", "6")
  assert_eq(double(3), 6)
end

describe("group") do
  setup do
    let base = 10
  end
  test("uses setup") do
    assert(base + 1 == 11)
    send(self(), 1)
    assert_receive 1
  end
  test("bad") do
    assert(base) # ERROR "E0001 type mismatch: expected `Bool`, found `Int`"
  end
end
