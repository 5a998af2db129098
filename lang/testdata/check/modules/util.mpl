pub fn slug(s :: String) -> String = String.replace(String.to_lower(s), " ", "-")

fn secret() -> Int = 42

fn hidden() -> String = "h"

pub fn fmt(a :: Int) -> String = "#{a}"
pub fn fmt(a :: Int, b :: Int) -> String = "#{a}/#{b}"
