pub fn shout(s :: String) -> String do
  String.to_upper(s) <> "!"
end
