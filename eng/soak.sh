#!/usr/bin/env bash
# The long reliability run (outside CI): live traffic, hard kills of the worker at random points
# (100 by default) and a broker restart every 20 kills, then the exact comparison of what reached the
# broker with the simulator's ground truth. Prints the figures (kills, restarts, changes, duplicates, lost).
#   eng/soak.sh            100 kills
#   eng/soak.sh --kills 20
set -euo pipefail
kills=100
while [[ $# -gt 0 ]]; do
  case "$1" in
    --kills) kills="$2"; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "soak.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
cd "$(dirname "${BASH_SOURCE[0]}")/.."
STREAMER_RABBITMQ=$(bash eng/broker.sh </dev/null)
export STREAMER_RABBITMQ STREAMER_SOAK_KILLS="$kills"
dotnet build tests/Streamer.IntegrationTests -c Release -v quiet -nologo </dev/null >/dev/null
# Only the figures are shown, as they come. The exit status is the test run's: grep finding nothing must
# not turn a failure into success, and a run that printed no soak figures (no test matched) fails too.
figures=$(mktemp)
trap 'rm -f "$figures"' EXIT
status=0
dotnet test tests/Streamer.IntegrationTests --no-build -c Release --filter "Category=Soak" \
  --logger "console;verbosity=detailed" </dev/null \
  | { grep --line-buffered -E "soak:|Passed|Failed|missing|extra" || true; } | tee "$figures" || status=$?
if [[ $status -eq 0 ]] && ! grep -q "soak:" "$figures"; then
  echo "soak.sh: the soak test printed no figures; did it run?" >&2
  status=1
fi
exit "$status"
