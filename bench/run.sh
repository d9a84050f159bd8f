#!/usr/bin/env bash
# Builds Spillway and the harness, then runs the side-by-side comparison on 127.0.0.1:
# direct (mock upstream), nginx, Spillway, Portkey — and the jmh module's benchmarks. Every system
# is first warmed with closed-loop load until steady state (JVMs: JIT compile queue empty; cap 120 s).
#
#   bench/run.sh                      full run, 3 rounds (~20-30 min on 2 cores); writes
#                                     docs/benchmarks/{results.md,latency.png,samples.json,jmh.json}
#                                     and the results section of docs/benchmarks.md
#   bench/run.sh --quick              smoke run (~10 min; warm-up capped at 30 s a system)
#   bench/run.sh --rounds 5           more rounds
#   bench/run.sh --only PART[,PART]   only some parts: sequential, throughput, failover, tracing,
#                                     rates, streams, jmh, prompts, concurrency. Writes
#                                     docs/benchmarks/results.md (only the parts run) and nothing
#                                     else under docs/ (raw figures and plots go to
#                                     bench/target/work/): docs/benchmarks.md, the plots and
#                                     samples.json stay those of the last full run.
#   bench/run.sh --jar some.jar       benchmark that proxy jar instead of the one just built (paths
#                                     are relative to the repository root)
#   bench/run.sh --compare A.jar B.jar
#                                     before/after: two proxy jars side by side in one run (same
#                                     mock, both warmed, A/B order swapped each round), sequential
#                                     latency, throughput and the tail at 75 % of A's saturation
#                                     (open loop) as B/A ratios in
#                                     docs/benchmarks/compare.md; nothing else is written
#   bench/run.sh --help               this text; every option: java -jar bench/target/spillway-bench.jar --help
#
# Installs what is missing: nginx and wrk (apt-get, needs root), the Portkey gateway (npm, into
# bench/target/portkey). Spillway runs on `java` (or SPILLWAY_JAVA, a JDK's home) with the image's
# collector flags; another Java version or --spillway-jvm-flags make an experiment, which only
# --only and --compare runs accept. The benchmark is never part of `mvn verify`.
set -euo pipefail
cd "$(dirname "$0")/.."

for arg in "$@"; do
  if [ "$arg" = "--help" ] || [ "$arg" = "-h" ]; then
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
    exit 0
  fi
done

PORTKEY_VERSION=1.15.2
PORTKEY_DIR=${PORTKEY_DIR:-bench/target/portkey}

if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then
  echo "installing nginx and wrk (Debian packages)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx wrk >/dev/null
fi
if ! command -v node >/dev/null; then
  echo "node is required for the Portkey gateway (apt-get install nodejs npm)" >&2
  exit 1
fi
if [ ! -f "$PORTKEY_DIR/node_modules/@portkey-ai/gateway/build/start-server.js" ]; then
  echo "installing @portkey-ai/gateway@$PORTKEY_VERSION into $PORTKEY_DIR"
  mkdir -p "$PORTKEY_DIR"
  (cd "$PORTKEY_DIR" && { [ -f package.json ] || npm init -y >/dev/null; } \
    && npm install --no-audit --no-fund --silent "@portkey-ai/gateway@$PORTKEY_VERSION")
fi

echo "building (proxy jar, jmh jar, bench jar)"
mvn -B -q package -DskipTests

# Thousands of concurrent streams need file descriptors in every process (load, proxy, mock).
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

exec java -Xms512m -Xmx1g -jar bench/target/spillway-bench.jar --portkey-dir "$PORTKEY_DIR" "$@"
