pub fn area(w :: Int, h :: Int) -> Int do
  w * h
end
