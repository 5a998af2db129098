# A todo as stored and as served: `id` is the SQLite row id as text,
# `created_at` ISO-8601 UTC. Row decoding reads `completed` from 0/1.

pub struct Todo do
  id :: String
  title :: String
  completed :: Bool
  created_at :: String
end deriving(Json, Row)
