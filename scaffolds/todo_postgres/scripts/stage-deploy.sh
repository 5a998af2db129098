#!/usr/bin/env bash
# Builds {{.Name}} and stages a deploy bundle: the binary, the deploy SQL
# and the two helper scripts. Usage: bash scripts/stage-deploy.sh <bundle-dir>
set -euo pipefail

fail() {
  echo "[stage-deploy] $*" >&2
  exit 1
}

if [ "$#" -ne 1 ] || [ -z "$1" ]; then
  echo "usage: bash scripts/stage-deploy.sh <bundle-dir>" >&2
  exit 1
fi

project_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bundle_arg="$1"
# A relative bundle path is taken from the caller's directory.
case "$bundle_arg" in
  /*) bundle_dir="$bundle_arg" ;;
  *) bundle_dir="$(pwd)/$bundle_arg" ;;
esac

if [ -e "$bundle_dir" ] && [ ! -d "$bundle_dir" ]; then
  fail "bundle path exists but is not a directory: $bundle_arg"
fi
command -v meshc >/dev/null 2>&1 || fail "required command missing from PATH: meshc"

sql_file="$project_dir/deploy/{{.Name}}.up.sql"
apply_script="$project_dir/scripts/apply-deploy-migrations.sh"
smoke_script="$project_dir/scripts/deploy-smoke.sh"
[ -f "$project_dir/mesh.toml" ] || fail "missing required manifest: $project_dir/mesh.toml"
[ -f "$sql_file" ] || fail "missing required deploy SQL: $sql_file"
[ -f "$apply_script" ] || fail "missing required apply script: $apply_script"
[ -f "$smoke_script" ] || fail "missing required smoke script: $smoke_script"

in_place="$project_dir/{{.Name}}"
[ ! -e "$in_place" ] || fail "source tree contains an in-place binary: $in_place"

mkdir -p "$bundle_dir"
rm -f "$bundle_dir/{{.Name}}" "$bundle_dir/{{.Name}}.up.sql" \
  "$bundle_dir/apply-deploy-migrations.sh" "$bundle_dir/deploy-smoke.sh"

echo "[stage-deploy] building starter binary project=$project_dir"
(cd "$project_dir" && meshc build . --output "$bundle_dir/{{.Name}}")

[ ! -e "$in_place" ] || fail "source tree contains an in-place binary: $in_place"
[ -f "$bundle_dir/{{.Name}}" ] || fail "meshc build reported success but the staged binary is missing: $bundle_arg/{{.Name}}"
[ -x "$bundle_dir/{{.Name}}" ] || fail "staged binary is not executable: $bundle_arg/{{.Name}}"

echo "[stage-deploy] staging bundle dir=$bundle_arg"
cp "$sql_file" "$bundle_dir/{{.Name}}.up.sql"
cp "$apply_script" "$bundle_dir/apply-deploy-migrations.sh"
cp "$smoke_script" "$bundle_dir/deploy-smoke.sh"
chmod 755 "$bundle_dir/{{.Name}}" "$bundle_dir/apply-deploy-migrations.sh" "$bundle_dir/deploy-smoke.sh"

echo "[stage-deploy] staged layout"
for file in {{.Name}} {{.Name}}.up.sql apply-deploy-migrations.sh deploy-smoke.sh; do
  echo "[stage-deploy] - $bundle_arg/$file"
done
echo "[stage-deploy] bundle ready dir=$bundle_arg"
