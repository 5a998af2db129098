# checks: Orm.build_select/insert/update/delete SQL text (quoting, $N numbering, IS NULL, ORDER BY, LIMIT/OFFSET, RETURNING), §12.19
fn main() do
  println(Orm.build_select("users", [], [], [], -1, -1))
  println(Orm.build_select("users", ["id", "name"], ["age >", "active"], ["name desc", "id"], 10, 20))
  println(Orm.build_select("posts", ["title"], ["deleted_at IS NULL", "org_id", "score IS NOT NULL"], [], 5, -1))
  println(Orm.build_insert("t", ["a", "b"], ["id"]))
  println(Orm.build_insert("t", ["a"], ["*"]))
  println(Orm.build_insert("t", ["a"], []))
  println(Orm.build_update("t", ["a"], ["id ="], []))
  println(Orm.build_update("t", ["a", "b"], ["id", "v <"], ["*"]))
  println(Orm.build_delete("t", ["id"], []))
  println(Orm.build_delete("we\"ird", [], ["id"]))
end

# expect:
# SELECT * FROM "users"
# SELECT "id", "name" FROM "users" WHERE "age" > $1 AND "active" = $2 ORDER BY "name" DESC, "id" ASC LIMIT 10 OFFSET 20
# SELECT "title" FROM "posts" WHERE "deleted_at" IS NULL AND "org_id" = $1 AND "score" IS NOT NULL LIMIT 5
# INSERT INTO "t" ("a", "b") VALUES ($1, $2) RETURNING "id"
# INSERT INTO "t" ("a") VALUES ($1) RETURNING *
# INSERT INTO "t" ("a") VALUES ($1)
# UPDATE "t" SET "a" = $1 WHERE "id" = $2
# UPDATE "t" SET "a" = $1, "b" = $2 WHERE "id" = $3 AND "v" < $4 RETURNING *
# DELETE FROM "t" WHERE "id" = $1
# DELETE FROM "we""ird" RETURNING "id"
