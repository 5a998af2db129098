import Alpha # ERROR "Circular dependency: Alpha -> Beta -> Alpha"
import Beta # ERROR "Module .Beta. cannot import itself"

pub fn b() -> String = "b"
