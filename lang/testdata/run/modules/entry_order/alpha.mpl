from Core.Base import base

pub fn mid() -> String = "alpha(" <> base() <> ")"
