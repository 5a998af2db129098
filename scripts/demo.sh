#!/usr/bin/env bash
# make demo: scaffold the clustered app with the freshly built meshc, build it
# into a node binary, run it standalone, then run a primary (127.0.0.1) and a
# standby (::1) on one port, inspect them with `meshc cluster`, kill -9 the
# primary and watch the standby take over. Usage: scripts/demo.sh [MESHC]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
meshc="${1:-$here/bin/meshc}"
case "$meshc" in /*) ;; *) meshc="$PWD/$meshc" ;; esac
work="$(mktemp -d "${TMPDIR:-/tmp}/mesh-demo.XXXXXX")"
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
	rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
# poll SECONDS CMD...: retry CMD (quietly) every 0.2 s until it succeeds.
poll() {
	local deadline=$((SECONDS + $1)); shift
	until "$@" >/dev/null 2>&1; do
		if ((SECONDS >= deadline)); then echo "timed out waiting for: $*" >&2; return 1; fi
		sleep 0.2
	done
}
# A port is taken if something accepts TCP on it (UDP cannot be probed from bash).
port_free() {
	! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && ! (exec 3<>"/dev/tcp/::1/$1") 2>/dev/null
}

cd "$work"
step "meshc --version"
"$meshc" --version
step "meshc init --clustered hello_cluster"
"$meshc" init --clustered hello_cluster
cd hello_cluster
step "meshc build ."
"$meshc" build .
step "./hello_cluster        # standalone: no MESH_* environment"
env -u MESH_CLUSTER_COOKIE -u MESH_NODE_NAME -u MESH_DISCOVERY_SEED -u MESH_NODE_HOST ./hello_cluster

if ! grep -qi '00000000000000000000000000000001 .* lo$' /proc/net/if_inet6 2>/dev/null; then
	echo
	echo "The two-node part needs the IPv6 loopback (::1), which this machine lacks; stopping here."
	exit 0
fi
PORT=4370
while ! port_free "$PORT"; do PORT=$((PORT + 1)); done
primary="primary@127.0.0.1:$PORT"
standby="standby@[::1]:$PORT"
common=(MESH_CLUSTER_COOKIE=dev-cookie MESH_DISCOVERY_SEED=localhost MESH_CLUSTER_PORT=$PORT MESH_CONTINUITY_PROMOTION_EPOCH=0)

step "start $primary (role primary) and $standby (role standby); logs in primary.log, standby.log"
env "${common[@]}" MESH_NODE_NAME="$primary" MESH_CONTINUITY_ROLE=primary ./hello_cluster >primary.log 2>&1 &
p1=$!; pids+=("$p1")
env "${common[@]}" MESH_NODE_NAME="$standby" MESH_CONTINUITY_ROLE=standby ./hello_cluster >standby.log 2>&1 &
p2=$!; pids+=("$p2")
poll 20 grep -q 'runtime bootstrap mode=cluster' primary.log
poll 20 grep -q 'runtime bootstrap mode=cluster' standby.log
grep -h 'runtime bootstrap' primary.log standby.log

# The startup work Work.add runs once the two nodes see each other.
continuity_done() { "$meshc" cluster continuity "$primary" startup::Work.add --json | grep -q '"phase": *"completed"'; }
poll 20 continuity_done

step "meshc cluster status $primary"
"$meshc" cluster status "$primary"
step "meshc cluster continuity '$standby' startup::Work.add"
"$meshc" cluster continuity "$standby" startup::Work.add

step "kill -9 the primary"
kill -9 "$p1"
wait "$p1" 2>/dev/null || true
promoted() { "$meshc" cluster status "$standby" | grep -q '^cluster_role: primary'; }
start=$(date +%s%N)
poll 20 promoted
echo "the standby reports cluster_role: primary $(( ($(date +%s%N) - start) / 1000000 )) ms after the kill"
step "meshc cluster status '$standby'"
"$meshc" cluster status "$standby"

step "stop the remaining node (SIGTERM)"
kill -TERM "$p2"
status=0
wait "$p2" || status=$?
echo "standby exited with status $status"
echo
echo "demo ok (the demo project lived in $work, removed on exit)"
exit "$status"
