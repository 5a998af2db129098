# the program `meshc migrate` generates around a migration (toolchain-reference §5.2)
import Migration

fn main() do
  let url = Env.get("DATABASE_URL", "")
  case Pool.open(url, 1, 2, 5000) do
    Ok(pool) -> case Migration.up(pool) do
      Ok(_) -> println("MIGRATION_OK")
      Err(e) -> println("MIGRATION_ERROR:#{e}")
    end
    Err(e) -> println("CONNECTION_ERROR:#{e}")
  end
  let n = Migration.nope(1) # ERROR "E0034 `nope` is not exported by module `Migration`"
end
