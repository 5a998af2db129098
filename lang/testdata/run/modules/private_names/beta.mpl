fn helper() -> String = "beta helper"

pub fn run() -> String = helper()
