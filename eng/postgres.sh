#!/usr/bin/env bash
# Makes a PostgreSQL server reachable and prints an Npgsql connection string on stdout (everything else
# goes to stderr). The role it prints may create databases: each test makes its own and drops it.
#   1. STREAMER_POSTGRES set              -> that connection string, untouched.
#   2. a local cluster already answers    -> ensures the test role on it and prints its connection string.
#   3. otherwise installs Debian's postgresql (apt-get) if missing, creates a cluster if there is none,
#      starts it (pg_ctlcluster) listening on 127.0.0.1 only and waits until it answers.
# Idempotent and safe to run concurrently (one run at a time holds a lock file); needs no stdin (CI=true).
# The test role's password is random, made on the first run and kept owner-only in $state_dir.
# STREAMER_POSTGRES_PORT and STREAMER_POSTGRES_CLUSTER choose another local cluster (made if missing), e.g. the
# private server eng/test.sh gives the tests that restart PostgreSQL; with --restart the script restarts the
# local cluster on that port (fast shutdown; `--restart N` keeps it down N seconds) and waits until it answers again.
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }

restart=0
down=0
if [[ "${1:-}" == "--restart" ]]; then restart=1; down=${2:-0}; fi

if [[ -n "${STREAMER_POSTGRES:-}" && $restart -eq 0 ]]; then
  log "using STREAMER_POSTGRES"
  echo "$STREAMER_POSTGRES"
  exit 0
fi

role=${STREAMER_POSTGRES_ROLE:-streamer_test}
port=${STREAMER_POSTGRES_PORT:-5432}
cluster_name=${STREAMER_POSTGRES_CLUSTER:-main}
state_dir=${STREAMER_POSTGRES_STATE:-${XDG_STATE_HOME:-$HOME/.local/state}/streamer}
if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi

mkdir -p "$state_dir"
chmod 700 "$state_dir"
lock="$state_dir/postgres-setup.lock"
exec 9>"$lock"
if ! flock -w 300 9; then
  log "another postgres.sh held $lock for 300 s"
  exit 1
fi

as_postgres() { $SUDO runuser -u postgres -- "$@"; }
answers() { command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p "$port" -t 3; }

if ! answers; then
  if ! command -v pg_lsclusters >/dev/null 2>&1; then
    log "installing postgresql from Debian (apt-get)"
    # The package's postinst tries to start the service; without an init system that is refused, so
    # forbid it here and start the cluster below.
    policy=/usr/sbin/policy-rc.d
    created_policy=0
    if [[ ! -e $policy ]]; then
      printf '#!/bin/sh\nexit 101\n' | $SUDO tee $policy >/dev/null && $SUDO chmod +x $policy && created_policy=1
    fi
    $SUDO apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql </dev/null >&2
    if [[ $created_policy -eq 1 ]]; then $SUDO rm -f $policy; fi
  fi

  # The first cluster on the port, or a new one of the newest installed version.
  read -r version cluster < <(pg_lsclusters -h | awk -v p="$port" '$3 == p { print $1, $2; exit }') || true
  if [[ -z "${version:-}" ]]; then
    version=$(ls /usr/lib/postgresql | sort -n | tail -1)
    cluster=$cluster_name
    log "creating cluster $version/$cluster on port $port"
    $SUDO pg_createcluster "$version" "$cluster" -p "$port" >&2
  fi

  # Loopback only: tests and tools never reach a server elsewhere, and nothing else reaches this one.
  conf_dir=/etc/postgresql/$version/$cluster/conf.d
  if [[ ! -f $conf_dir/streamer-loopback.conf ]]; then
    echo "listen_addresses = '127.0.0.1'" | $SUDO tee "$conf_dir/streamer-loopback.conf" >/dev/null
  fi

  if ! pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c && $4 == "online" { found = 1 } END { exit !found }'; then
    log "starting cluster $version/$cluster"
    # Without the lock's descriptor: the server would inherit it and hold the lock for as long as it runs.
    $SUDO pg_ctlcluster "$version" "$cluster" start >&2 9>&-
  fi

  log "waiting for PostgreSQL to answer on 127.0.0.1:$port"
  for _ in $(seq 1 60); do
    answers && break
    sleep 1
  done
  if ! answers; then
    log "PostgreSQL did not answer within 60 s; see /var/log/postgresql"
    exit 1
  fi
fi

password_file="$state_dir/postgres-password"
if [[ ! -s $password_file ]]; then
  (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$password_file")
fi
password=$(cat "$password_file")

# The password goes to psql on stdin, never on a command line (visible in ps) or in a log.
log "ensuring login role $role (CREATEDB)"
# The password is hex, so it is a safe literal; the role name is quoted by format(%I).
if ! as_postgres psql -q -X -v ON_ERROR_STOP=1 -p "$port" -d postgres >/dev/null 2>&1 <<SQL
SELECT format('CREATE ROLE %I LOGIN CREATEDB', '$role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$role') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB PASSWORD %L', '$role', '$password') \gexec
SQL
then
  log "cannot manage roles on the local server as the postgres user; set STREAMER_POSTGRES to a connection string instead"
  exit 1
fi

if [[ $restart -eq 1 ]]; then
  read -r version cluster < <(pg_lsclusters -h | awk -v p="$port" '$3 == p { print $1, $2; exit }')
  log "restarting cluster $version/$cluster (down for ${down:-0} s)"
  $SUDO pg_ctlcluster "$version" "$cluster" stop -m fast >&2
  sleep "${down:-0}"
  $SUDO pg_ctlcluster "$version" "$cluster" start >&2 9>&-
  for _ in $(seq 1 60); do
    answers && break
    sleep 0.5
  done
fi

log "PostgreSQL is up"
echo "Host=127.0.0.1;Port=$port;Username=$role;Password=$password;Database=postgres"
