pub fn base() -> String = "base"
