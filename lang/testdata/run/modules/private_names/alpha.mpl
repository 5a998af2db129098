fn helper() -> String = "alpha helper"

pub fn run() -> String = helper()
