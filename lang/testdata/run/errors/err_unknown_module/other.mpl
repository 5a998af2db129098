pub fn unused() -> Int = 1
