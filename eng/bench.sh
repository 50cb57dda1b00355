#!/usr/bin/env bash
# Measures the stream against the broker's own ceiling (issue 5) and writes docs/benchmarks.md.
#   eng/bench.sh                         every section, then the report
#   eng/bench.sh --only detector,store   a subset (names or letters a-j); the report is left alone
#   eng/bench.sh --quick                 small sizes, to check the program itself in about a minute
#   eng/bench.sh --only stream --backlog 900000    (c) on a larger backlog, a longer and warmer drain
# Sections: raw (a), masstransit (b), ceiling, stream (c), pgstream, startup, detector (d), store (e), live (f and g), pass (h), cost (i),
# accounts (j), failover. pgstream, store and failover also use PostgreSQL (eng/postgres.sh, or STREAMER_POSTGRES).
# The worker is the published one (artifacts/bench-worker); BENCH_WORKER_DLL=path/streamer.dll runs another, and
# BENCH_CEILING_DLL=path/Streamer.Benchmarks.dll runs the cold ceiling from another build of the benchmarks.
# Prints one "name: value" line per figure at the end; progress goes to stderr.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

args=("$@")
subset=0
for arg in "$@"; do
  case "$arg" in
    --only|--quick|--backlog) subset=1 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
  esac
done
# Only a full run rewrites the committed report.
if [[ $subset -eq 0 ]]; then
  args+=(--report docs/benchmarks.md)
fi

started=$(date +%s)
STREAMER_RABBITMQ=$(bash eng/broker.sh </dev/null)
export STREAMER_RABBITMQ
# A database of its own per measurement is made on this server (loopback only) and dropped after. Without one,
# only the sections that need it (pgstream, store, failover) fail.
if STREAMER_POSTGRES=$(bash eng/postgres.sh </dev/null); then
  export STREAMER_POSTGRES
else
  echo "bench.sh: eng/postgres.sh found no PostgreSQL; pgstream, store and failover will fail" >&2
  unset STREAMER_POSTGRES
fi

echo "bench.sh: building (Release)..." >&2
dotnet build tests/Streamer.Benchmarks -c Release -v quiet -nologo </dev/null >&2

# The worker runs as users deploy it: published (ReadyToRun, as in the container image), not the build.
# BENCH_WORKER_DLL set by the caller runs another worker instead.
if [[ -z "${BENCH_WORKER_DLL:-}" ]]; then
  echo "bench.sh: publishing the worker (Release, ReadyToRun)..." >&2
  dotnet publish src/Streamer.Worker -c Release -o artifacts/bench-worker -v quiet -nologo </dev/null >&2
  BENCH_WORKER_DLL="$PWD/artifacts/bench-worker/streamer.dll"
fi
export BENCH_WORKER_DLL

# The compiler and MSBuild servers the builds left running would share the cores with what is measured.
dotnet build-server shutdown </dev/null >/dev/null 2>&1 || true

status=0
dotnet tests/Streamer.Benchmarks/bin/Release/net10.0/Streamer.Benchmarks.dll "${args[@]}" </dev/null || status=$?
echo "bench.sh: finished in $(( $(date +%s) - started )) s (build included), exit $status" >&2
exit "$status"
