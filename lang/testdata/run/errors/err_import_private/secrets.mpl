fn hidden() -> String = "s"

pub fn shown() -> String = "v"
