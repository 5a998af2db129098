import Beta

pub fn a() -> String = "a"
