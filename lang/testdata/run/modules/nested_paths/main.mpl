# checks: module names from snake_case paths (api/http_router.mpl -> Api.HttpRouter), parenthesised from-import with trailing comma, §1.2 §1.3
import Api.HttpRouter
from StringTools import (
  shout,
  whisper,
)

fn main() do
  println(HttpRouter.describe())
  println(shout("hey"))
  println(whisper("HEY"))
end

# expect:
# router with 2 routes
# HEY!
# hey...
