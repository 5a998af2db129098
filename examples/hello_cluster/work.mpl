# Clustered work is declared in source. The runtime registers it as
# `Work.add` (module name + function name), starts it once at startup and
# closes its continuity record when it returns.

@cluster pub fn add() -> Int do
  1 + 1
end
