#!/usr/bin/env bash
# Applies the staged schema SQL with psql and checks that the table and its
# index exist. Usage: DATABASE_URL=... bash apply-deploy-migrations.sh <deploy-sql-path>
set -euo pipefail

fail() {
  echo "[deploy-apply] $*" >&2
  exit 1
}

if [ "$#" -ne 1 ] || [ -z "$1" ]; then
  echo "usage: bash apply-deploy-migrations.sh <deploy-sql-path>" >&2
  exit 1
fi
sql_path="$1"

command -v psql >/dev/null 2>&1 || fail "psql is required but was not found on PATH"
[ -f "$sql_path" ] || fail "missing deploy SQL artifact: $sql_path"
[ -n "${DATABASE_URL:-}" ] || fail "DATABASE_URL must be set"

echo "[deploy-apply] sql artifact=$sql_path"
echo "[deploy-apply] applying starter schema via psql"
psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f "$sql_path" >/dev/null

table_ok="$(psql "$DATABASE_URL" -Atqc "SELECT to_regclass('public.todos') IS NOT NULL")"
[ "$table_ok" = "t" ] || fail "todos table missing after apply"
index_ok="$(psql "$DATABASE_URL" -Atqc "SELECT to_regclass('public.idx_todos_created_at') IS NOT NULL")"
[ "$index_ok" = "t" ] || fail "idx_todos_created_at missing after apply"

echo "[deploy-apply] schema ready table=todos index=idx_todos_created_at"
