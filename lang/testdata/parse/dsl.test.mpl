# Test DSL forms (§13).
from Math import add

fn double(x :: Int) -> Int = x * 2

test("doubles small numbers") do
  assert(double(2) == 4)
  assert_eq("#{double(3)}", "6")
  assert_raises(fn() do
    assert(false)
  end)
end

describe("edge cases") do
  setup do
    println("before each")
  end
  teardown() do
    println("after each")
  end

  test("negative") do
    assert_ne("#{double(-1)}", "2")
  end

  test("mailbox") do
    let me = self()
    send(me, (:ok, 1))
    assert_receive (:ok, n), 500
    assert_receive _
  end
end

test("trailing closure") do
  run(1) do |x|
    x + 1
  end
  each(xs) do
    1
  end
end
