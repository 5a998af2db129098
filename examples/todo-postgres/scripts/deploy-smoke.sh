#!/usr/bin/env bash
# Waits for a running todo-postgres to report ready on /health, then creates,
# reads, toggles, lists and deletes one todo. Uses 3 writes of the rate
# limit budget. Usage: [PORT=8080] [BASE_URL=http://127.0.0.1:8080] bash deploy-smoke.sh
set -euo pipefail

fail() {
  echo "[deploy-smoke] $*" >&2
  exit 1
}

if [ "$#" -ne 0 ]; then
  echo "usage: bash deploy-smoke.sh" >&2
  exit 1
fi
for cmd in curl python3; do
  command -v "$cmd" >/dev/null 2>&1 || fail "required command missing from PATH: $cmd"
done

port="${PORT:-8080}"
[[ "$port" =~ ^[1-9][0-9]*$ ]] || fail "PORT must be a positive integer, got: $port"
base_url="${BASE_URL:-http://127.0.0.1:$port}"
case "$base_url" in
  http://* | https://*) ;;
  *) fail "BASE_URL must start with http:// or https://, got: $base_url" ;;
esac
base_url="${base_url%/}"

# json_field FIELD: prints FIELD of the JSON object on stdin ("missing" when absent).
json_field() {
  python3 -c '
import json, sys
try:
    value = json.load(sys.stdin).get(sys.argv[1], "missing")
except Exception:
    value = "missing"
if isinstance(value, bool):
    value = "true" if value else "false"
print(value)
' "$1"
}

# list_has ID: exit 0 iff the JSON array on stdin has an object with that id.
list_has() {
  python3 -c '
import json, sys
items = json.load(sys.stdin)
sys.exit(0 if any(i.get("id") == sys.argv[1] for i in items) else 1)
' "$1"
}

list_len() {
  python3 -c 'import json, sys; print(len(json.load(sys.stdin)))'
}

echo "[deploy-smoke] waiting for health base_url=$base_url"
last_body="unavailable"
ready=""
for poll in $(seq 1 80); do
  if body="$(curl -fsS "$base_url/health" 2>/dev/null)"; then
    last_body="$body"
    status="$(printf '%s' "$body" | json_field status)"
    backend="$(printf '%s' "$body" | json_field db_backend)"
    handler="$(printf '%s' "$body" | json_field clustered_handler)"
    echo "[deploy-smoke] health poll=$poll status=$status db_backend=$backend clustered_handler=$handler"
    if [ "$status" = "ok" ] && [ "$backend" = "postgres" ] && [ "$handler" = "Work.sync_todos" ]; then
      ready=1
      break
    fi
  fi
  sleep 0.25
done
[ -n "$ready" ] || fail "/health never became ready at $base_url; last_body=$last_body"
echo "[deploy-smoke] health ready body=$last_body"

echo "[deploy-smoke] creating todo via POST $base_url/todos"
created="$(curl -fsS -X POST -H 'content-type: application/json' -d '{"title":"deploy smoke todo"}' "$base_url/todos")"
echo "[deploy-smoke] created todo body=$created"
id="$(printf '%s' "$created" | json_field id)"
[ "$id" != "missing" ] && [ -n "$id" ] || fail "created todo response did not include id"
[ "$(printf '%s' "$created" | json_field title)" = "deploy smoke todo" ] || fail "created todo response title drifted: $created"

echo "[deploy-smoke] fetching todo id=$id"
fetched="$(curl -fsS "$base_url/todos/$id")"
[ "$(printf '%s' "$fetched" | json_field title)" = "deploy smoke todo" ] || fail "GET /todos/$id returned unexpected body: $fetched"

echo "[deploy-smoke] toggling todo id=$id"
toggled="$(curl -fsS -X PUT "$base_url/todos/$id")"
[ "$(printf '%s' "$toggled" | json_field completed)" = "true" ] || fail "toggle response did not mark the todo completed: $toggled"

echo "[deploy-smoke] listing todos"
listed="$(curl -fsS "$base_url/todos")"
[ "$(printf '%s' "$listed" | list_len)" -gt 0 ] || fail "expected GET /todos to return at least one todo, got: $listed"
printf '%s' "$listed" | list_has "$id" || fail "expected GET /todos to include id=$id, got: $listed"

echo "[deploy-smoke] deleting todo id=$id"
deleted="$(curl -fsS -X DELETE "$base_url/todos/$id")"
[ "$(printf '%s' "$deleted" | json_field id)" = "$id" ] || fail "delete response did not report the created todo id: $deleted"

final="$(curl -fsS "$base_url/todos")"
if printf '%s' "$final" | list_has "$id"; then
  fail "expected deleted todo id=$id to disappear from GET /todos, got: $final"
fi

echo "[deploy-smoke] CRUD smoke passed id=$id"
echo "$final"
