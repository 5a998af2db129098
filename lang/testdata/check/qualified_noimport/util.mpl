pub fn twice(n :: Int) -> Int = n * 2
