#!/usr/bin/env bash
# Runs the stream on this machine: a RabbitMQ broker, the nxlink simulator with live traffic, the
# Streamer worker, and a live view printing each event as one line.
#   eng/demo.sh                  until Ctrl+C
#   eng/demo.sh --duration 20    for 20 seconds
# Logs and state go to a temporary folder that is printed at the start.
set -euo pipefail

duration=""
rate=15
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "demo.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

rabbit=$(bash eng/broker.sh </dev/null)
echo "demo: building (Release)..." >&2
dotnet build src/Streamer.Worker -c Release -v quiet -nologo </dev/null >/dev/null
dotnet build src/Streamer.Simulator -c Release -v quiet -nologo </dev/null >/dev/null

work=$(mktemp -d /tmp/streamer-demo.XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
health_port=$(free_port)
sim_url="http://127.0.0.1:$port"
worker_dll=src/Streamer.Worker/bin/Release/net10.0/streamer.dll
sim_dll=src/Streamer.Simulator/bin/Release/net10.0/Streamer.Simulator.dll
echo "demo: logs and state in $work" >&2
echo "demo: worker health and metrics at http://127.0.0.1:$health_port/healthz/ready and /metrics" >&2

pids=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The simulator: live traffic of every kind (messages, statuses, reactions, updates) at $rate changes/s.
dotnet "$sim_dll" --urls "$sim_url" \
  --Simulator:Mode=Live --Simulator:LiveRate="$rate" --Simulator:BurstInterval=00:00:00 \
  --Simulator:MinChangeGap=00:00:02 >"$work/simulator.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do
  curl -fs "$sim_url/_sim/stats" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "$sim_url/_sim/stats" >/dev/null || { echo "demo: the simulator did not start; see $work/simulator.log" >&2; exit 1; }

# The live view first, so that its queue is bound before the first event is published.
tail_args=(tail --rabbit "$rabbit")
[[ -n "$duration" ]] && tail_args+=(--duration "$duration")
dotnet "$worker_dll" "${tail_args[@]}" &
tail_pid=$!
pids+=("$tail_pid")
sleep 3

export Rabbit__Uri="$rabbit"
# STREAMER_RABBITMQ may name a plain amqp:// broker on another host; the demo accepts it.
export Rabbit__AllowInsecureTransport=true
export State__Path="$work/state.db"
export Polling__Interval=00:00:01 Polling__Overlap=00:00:10 Polling__InitialLookback=00:10:00
export Health__Port="$health_port"
# The simulator's media links point at loopback over http: allowed for the demo only.
export MediaArchive__Enabled=true MediaArchive__Path="$work/media" MediaArchive__AllowPrivateNetworks=true
export Accounts__0__Name=demo Accounts__0__BaseUrl="$sim_url" Accounts__0__TenantId=1 \
  Accounts__0__AppKey=demo-appkey Accounts__0__AccessKey=demo-access-key \
  Accounts__0__AccessSecret=demo-access-secret Accounts__0__TimeZone=Asia/Shanghai
dotnet "$worker_dll" run >"$work/worker.log" 2>&1 &
pids+=($!)

wait "$tail_pid" || true
echo "demo: done. Worker log: $work/worker.log" >&2
