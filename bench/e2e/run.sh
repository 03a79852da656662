#!/usr/bin/env bash
# The end-to-end benchmark in one command (see bench/README.md): installs the Node packages, builds the server's
# jar, raises the open-file limit, and runs bench.mjs with the given flags (--quick, --only direct,group,
# --server ours, --warmup-seconds N, --measure-seconds N, --workers N, --port N; --no-build reuses the jar).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

build=true
args=()
for arg in "$@"; do
  if [[ "$arg" == --no-build ]]; then build=false; else args+=("$arg"); fi
done

(cd "$here" && npm ci --no-audit --no-fund --silent)
(cd "$here/reference" && npm ci --no-audit --no-fund --silent)
if $build; then
  (cd "$root" && ./mvnw -B -q package -DskipTests)
fi

# Each idle socket is a descriptor in the server: as many as the hard limit allows.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec node "$here/bench.mjs" "${args[@]}"
