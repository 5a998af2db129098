# Migration: create_todos
pub fn up(pool :: PoolHandle) -> Int ! String do
  Pg.create_extension(pool, "pgcrypto")?
  Migration.create_table(pool, "todos", ["id:UUID:PRIMARY KEY DEFAULT gen_random_uuid()", "title:TEXT:NOT NULL"])?
  Migration.create_index(pool, "todos", ["created_at:DESC"], "name:idx_todos_created_at")?
  Ok(0)
end

pub fn down(pool :: PoolHandle) -> Int ! String do
  Migration.execute(pool, "DROP TABLE IF EXISTS todos")?
  Ok(0)
end
