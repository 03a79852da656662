#!/usr/bin/env bash
# Two nodes against one (bench/README.md, "Several nodes"): builds the server jar and the test classes (for the
# MongoDB wire server), finds their class path, and runs nodes.mjs with the given flags (--rate N, --pairs N,
# --warmup-seconds N, --measure-seconds N). Needs Debian's redis-server on the PATH.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
(cd "$here" && npm ci --no-audit --no-fund --silent)
classpath="$(mktemp)"
(cd "$root" && ./mvnw -B -q -pl messaging-app -am package -DskipTests dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$classpath" >/dev/null)
command -v redis-server >/dev/null || { echo "redis-server not found: apt-get install -y redis-server" >&2; exit 1; }
export MESSAGING_ROOT="$root"
export MONGO_WIRE_CLASSPATH="$root/messaging-app/target/test-classes:$root/messaging-app/target/classes:$(cat "$classpath")"
exec node "$here/nodes.mjs" "$@"
