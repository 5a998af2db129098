import Alpha

pub fn top() -> String = "zeta(" <> Alpha.mid() <> ")"
