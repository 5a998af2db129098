pub fn area() -> Int = 0
