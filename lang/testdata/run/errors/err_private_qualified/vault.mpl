fn combination() -> String = "1234"

pub fn open() -> String = "opened"
