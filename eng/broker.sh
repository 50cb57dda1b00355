#!/usr/bin/env bash
# Makes a RabbitMQ broker reachable and prints its AMQP URI on stdout (everything else goes to stderr).
#   1. STREAMER_RABBITMQ set            -> that URI, untouched.
#   2. a broker already answers locally -> amqp://guest:guest@127.0.0.1:5672/
#   3. otherwise installs Debian's rabbitmq-server (apt-get), enables the management plugin,
#      starts it detached and waits until it answers.
# Idempotent: running it again finds the broker of the previous run.
set -euo pipefail

log() { echo "broker.sh: $*" >&2; }
local_uri="amqp://guest:guest@127.0.0.1:5672/"

if [[ -n "${STREAMER_RABBITMQ:-}" ]]; then
  log "using STREAMER_RABBITMQ"
  echo "$STREAMER_RABBITMQ"
  exit 0
fi

port_open() { (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; }

broker_answers() {
  port_open || return 1
  if command -v rabbitmq-diagnostics >/dev/null 2>&1; then
    timeout 20 rabbitmq-diagnostics -q check_port_connectivity >/dev/null 2>&1 || return 1
  fi
  return 0
}

if broker_answers; then
  log "a local broker already answers on 5672"
  echo "$local_uri"
  exit 0
fi

if ! command -v rabbitmq-server >/dev/null 2>&1; then
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  log "installing rabbitmq-server from Debian (apt-get)"
  # The package's postinst tries to start the service; without an init system that is refused, so
  # forbid it here and start the broker ourselves below.
  policy=/usr/sbin/policy-rc.d
  created_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee $policy >/dev/null && $SUDO chmod +x $policy && created_policy=1
  fi
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends rabbitmq-server >&2
  if [[ $created_policy -eq 1 ]]; then $SUDO rm -f $policy; fi
fi

log "enabling the management plugin"
rabbitmq-plugins enable --offline rabbitmq_management >&2 || log "management plugin not enabled (continuing)"

if ! pgrep -f 'beam.*rabbit' >/dev/null 2>&1; then
  log "starting rabbitmq-server (detached)"
  # HOME must point somewhere writable for the Erlang cookie when run as the rabbitmq user or root.
  export RABBITMQ_LOG_BASE=${RABBITMQ_LOG_BASE:-/var/log/rabbitmq}
  rabbitmq-server -detached >&2 2>&1 || nohup rabbitmq-server >/tmp/rabbitmq-server.out 2>&1 &
fi

log "waiting for the broker to answer"
for _ in $(seq 1 120); do
  if port_open && timeout 20 rabbitmqctl -q await_startup >/dev/null 2>&1; then
    log "broker is up"
    echo "$local_uri"
    exit 0
  fi
  sleep 1
done
log "the broker did not answer within 120 s; see /var/log/rabbitmq"
exit 1
