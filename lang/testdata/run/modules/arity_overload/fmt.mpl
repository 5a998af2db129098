pub fn pad(s :: String) -> String = "[" <> s <> "]"

pub fn pad(s :: String, width :: Int) -> String = pad(s, width, " ")

pub fn pad(s :: String, width :: Int, fill :: String) -> String do
  let missing = width - String.length(s)
  let extra = for _i in 0..missing do
    fill
  end
  "[" <> s <> String.join(extra, "") <> "]"
end
