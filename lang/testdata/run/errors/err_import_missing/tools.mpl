pub fn hammer() -> String = "bang"
