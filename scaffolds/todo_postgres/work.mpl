# Clustered work is declared in source. The runtime registers it as
# `Work.sync_todos`, runs it once per cluster at startup (request key
# `startup::Work.sync_todos`) and closes its continuity record when it
# returns.

@cluster pub fn sync_todos() -> Int do
  1 + 1
end
