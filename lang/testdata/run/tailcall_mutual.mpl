# Mutual recursion in tail position runs in constant space (TAILCALL),
# and a tail call into a function with a bigger frame grows the stack.

fn is_even(n :: Int) -> Bool do
  if n == 0 do
    true
  else
    is_odd(n - 1)
  end
end

fn is_odd(n :: Int) -> Bool do
  if n == 0 do
    false
  else
    is_even(n - 1)
  end
end

fn wide(n :: Int) -> Int do
  let v0 = n + 0
  let v1 = n + 1
  let v2 = n + 2
  let v3 = n + 3
  let v4 = n + 4
  let v5 = n + 5
  let v6 = n + 6
  let v7 = n + 7
  let v8 = n + 8
  let v9 = n + 9
  let v10 = n + 10
  let v11 = n + 11
  let v12 = n + 12
  let v13 = n + 13
  let v14 = n + 14
  let v15 = n + 15
  let v16 = n + 16
  let v17 = n + 17
  let v18 = n + 18
  let v19 = n + 19
  let v20 = n + 20
  let v21 = n + 21
  let v22 = n + 22
  let v23 = n + 23
  let v24 = n + 24
  let v25 = n + 25
  let v26 = n + 26
  let v27 = n + 27
  let v28 = n + 28
  let v29 = n + 29
  let v30 = n + 30
  let v31 = n + 31
  let v32 = n + 32
  let v33 = n + 33
  let v34 = n + 34
  let v35 = n + 35
  let v36 = n + 36
  let v37 = n + 37
  let v38 = n + 38
  let v39 = n + 39
  v0 + v39
end

fn narrow(n :: Int) -> Int do
  wide(n)
end

fn main() do
  println("#{is_even(1000000)} #{is_odd(1000001)} #{is_even(7)}")
  println("#{narrow(1)}")
end

# expect:
# true true false
# 41
