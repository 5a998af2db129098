# A todo as served: `id` is the UUID as text, `created_at` PostgreSQL's
# text form of a timestamptz.

pub struct Todo do
  id :: String
  title :: String
  completed :: Bool
  created_at :: String
end deriving(Json)
