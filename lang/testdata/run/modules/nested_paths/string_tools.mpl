pub fn shout(s :: String) -> String = String.to_upper(s) <> "!"

pub fn whisper(s :: String) -> String = String.to_lower(s) <> "..."
