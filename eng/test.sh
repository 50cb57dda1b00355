#!/usr/bin/env bash
# Builds the solution once and runs every test project against a real RabbitMQ broker.
# The last line printed is the total over all projects: "N passed, N failed, N skipped".
# Exits non-zero when a test failed or a test project did not run.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)
results="$root/artifacts/test-results"

export DOTNET_NOLOGO=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { echo "test.sh: $*" >&2; }

# Resolve the broker once here; the test fixture then takes it from STREAMER_RABBITMQ instead of
# running eng/broker.sh again in every test process.
STREAMER_RABBITMQ=$(bash eng/broker.sh </dev/null)
export STREAMER_RABBITMQ
log "broker: ${STREAMER_RABBITMQ//:*@/://***@}"

# The samples and the .NET 8 consumer tests restore the contracts package from the local feed (artifacts/feed).
log "contracts package: $(bash eng/pack.sh </dev/null)"

# PostgreSQL likewise, once: the PostgreSQL backend's tests each create a database of their own on it.
STREAMER_POSTGRES=$(bash eng/postgres.sh </dev/null)
export STREAMER_POSTGRES
log "postgres: ${STREAMER_POSTGRES%%;Password=*};Password=***"

# A second, private server for the tests that restart PostgreSQL mid-stream (the shared one stays up for the rest).
STREAMER_POSTGRES_RESTARTABLE=$(STREAMER_POSTGRES= STREAMER_POSTGRES_PORT=${STREAMER_POSTGRES_RESTARTABLE_PORT:-5433} STREAMER_POSTGRES_CLUSTER=restartable bash eng/postgres.sh </dev/null)
export STREAMER_POSTGRES_RESTARTABLE
log "postgres (restartable): ${STREAMER_POSTGRES_RESTARTABLE%%;Password=*};Password=***"

# Locked mode: the restore fails when a project's packages no longer match its packages.lock.json
# (run `dotnet restore` and commit the lock files after changing a package).
dotnet restore Streamer.sln --locked-mode </dev/null
dotnet build Streamer.sln -c Release --no-restore </dev/null

# Test projects: tests/*/*.csproj that say IsTestProject (explicitly or through Microsoft.NET.Test.Sdk),
# minus the shared support library and benchmarks (which are run on purpose, not on every test run).
projects=()
for proj in tests/*/*.csproj; do
  name=$(basename "$proj" .csproj)
  [[ $name == Streamer.Testing ]] && continue
  [[ ${name,,} == *benchmark* ]] && continue
  is_test=$(dotnet msbuild "$proj" -getProperty:IsTestProject -p:Configuration=Release </dev/null 2>/dev/null || true)
  if [[ ${is_test,,} == *true* ]]; then
    projects+=("$proj")
  fi
done
if [[ ${#projects[@]} -eq 0 ]]; then
  log "no test project found under tests/"
  echo "0 passed, 0 failed, 0 skipped"
  exit 1
fi

rm -rf "$results"
mkdir -p "$results"

not_run=()
test_exit_failed=()
run_project() {
  local proj=$1 priority=${2:-0} name
  name=$(basename "$proj" .csproj)
  log "testing $name"
  # A hung test fails its project after the timeout instead of eating CI's whole time budget.
  # The soak run (eng/soak.sh) is long on purpose and stays out of the test run.
  if ! nice -n "$priority" dotnet test "$proj" --no-build -c Release --filter "Category!=Soak" \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results/$name" \
    --blame-hang-timeout 15m --blame-hang-dump-type none </dev/null; then
    # Failed tests are counted from the TRX below; a missing TRX means the run itself broke.
    log "$name: dotnet test exited non-zero"
    echo "$name" >>"$results/exit-failed"
  fi
}

# Projects that need no broker run beside the integration tests, which stop and restart the broker;
# the ones that use the broker (its fixture or STREAMER_RABBITMQ in their tests) run after them. This keeps
# the whole run within CI's time budget.
needs_broker() {
  grep -rqs --include='*.cs' --exclude-dir=bin --exclude-dir=obj -e 'RabbitMqBroker' -e 'STREAMER_RABBITMQ' "$(dirname "$1")"
}
integration=() beside=() after=()
for proj in "${projects[@]}"; do
  name=$(basename "$proj" .csproj)
  if [[ $name == Streamer.IntegrationTests ]]; then
    integration+=("$proj")
  elif needs_broker "$proj"; then
    after+=("$proj")
  else
    beside+=("$proj")
  fi
done

pids=()
for proj in "${integration[@]}"; do
  run_project "$proj" &
  pids+=($!)
done
# At the lowest CPU priority: on two cores they take the CPU from the workers under test, whose end-to-end tests
# then lose short states; they still end well before the integration tests.
for proj in "${beside[@]}"; do
  run_project "$proj" 19
done
for pid in "${pids[@]}"; do
  wait "$pid" || true
done
for proj in "${after[@]}"; do
  run_project "$proj"
done

for proj in "${projects[@]}"; do
  name=$(basename "$proj" .csproj)
  if [[ ! -s "$results/$name/$name.trx" ]]; then
    not_run+=("$name")
  fi
done
if [[ -s "$results/exit-failed" ]]; then
  mapfile -t test_exit_failed <"$results/exit-failed"
fi

# Totals from each TRX file's <Counters>: "failed" includes errors, timeouts and aborts; "skipped" is
# what was discovered but not executed (xunit's [Fact(Skip=...)]).
summary=$(python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET

passed = failed = skipped = 0
for path in sorted(glob.glob(f"{sys.argv[1]}/*/*.trx")):
    counters = next((e for e in ET.parse(path).iter() if e.tag.endswith("Counters")), None)
    if counters is None:
        failed += 1
        print(f"test.sh: {path} has no Counters element", file=sys.stderr)
        continue
    n = lambda key: int(counters.get(key, "0"))
    passed += n("passed")
    failed += n("failed") + n("error") + n("timeout") + n("aborted")
    skipped += n("notExecuted") or max(0, n("total") - n("executed"))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
)

status=0
if [[ ${#not_run[@]} -gt 0 ]]; then
  log "did not run (no TRX result): ${not_run[*]}"
  status=1
fi
if [[ $summary != *" 0 failed"* ]]; then
  status=1
elif [[ ${#test_exit_failed[@]} -gt 0 ]]; then
  # No failed test, yet dotnet test failed (test host crash, hang timeout): the run is not trustworthy.
  log "dotnet test failed without a failed test in: ${test_exit_failed[*]}"
  status=1
fi
echo "$summary"
exit "$status"
