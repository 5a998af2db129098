#!/usr/bin/env bash
# make demo: scaffold the clustered app with the freshly built meshc, build
# it into a node binary and run it standalone. Usage: scripts/demo.sh [MESHC]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
meshc="${1:-$here/bin/meshc}"
case "$meshc" in /*) ;; *) meshc="$PWD/$meshc" ;; esac
work="$(mktemp -d "${TMPDIR:-/tmp}/mesh-demo.XXXXXX")"
trap 'rm -rf "$work"' EXIT

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

cd "$work"
step "meshc --version"
"$meshc" --version
step "meshc init --clustered hello_cluster"
"$meshc" init --clustered hello_cluster
cd hello_cluster
step "meshc build ."
"$meshc" build .
step "./hello_cluster   # standalone: no MESH_* environment"
status=0
env -u MESH_CLUSTER_COOKIE -u MESH_NODE_NAME -u MESH_DISCOVERY_SEED -u MESH_NODE_HOST ./hello_cluster || status=$?
echo
echo "./hello_cluster exited with status $status"
exit "$status"
