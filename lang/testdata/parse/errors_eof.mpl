# Blocks left open at the end of the file.
fn open() do
  let a = [1, 2 # ERROR "expected '\]' to close '\[' opened at 3:11, found 'end'"
end

fn never() do
  if x do
    1 # ERROR "expected 'end' to close 'do' block opened at 7:8, found end of file"
