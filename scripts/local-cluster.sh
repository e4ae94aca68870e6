#!/usr/bin/env bash
# A whole OpenClaw cluster on loopback for development and tests: RabbitMQ and Azurite (scripts/servers/*.sh), N silos
# (OpenClaw.Silo --mode cluster) and M front nodes (OpenClaw.Gateway.Host), all configured from the OpenClaw config
# file in OPENCLAW_CONFIG_PATH and the token in OPENCLAW_GATEWAY_TOKEN.
#
#   scripts/local-cluster.sh up [--silos N] [--fronts M] [--no-build]   (defaults: 2 silos, 2 fronts)
#   scripts/local-cluster.sh add-silo                                    one more silo in the running cluster
#   scripts/local-cluster.sh status                                      the lines `up` printed, for live processes
#   scripts/local-cluster.sh down                                        stops what `up`/`add-silo` started
#
# `up` builds Release first when a binary is missing or older than its sources (unless --no-build), picks free
# loopback ports, waits until every node answers /readyz and prints exactly one line per process on stdout:
#   silo NAME pid PID
#   front NAME pid PID url ws://127.0.0.1:PORT
#   dashboard URL
# Everything else (server start-up, build output, errors) goes to stderr. `down` kills exactly the PIDs recorded in
# the run dir and stops RabbitMQ/Azurite only if this cluster's `up` started them.
#
# Environment (all optional):
#   OPENCLAW_CONFIG_PATH             the OpenClaw config every node reads (default: ~/.openclaw/openclaw.json)
#   OPENCLAW_GATEWAY_TOKEN           the token every front node accepts (unset: the config file's gateway.auth)
#   OPENCLAW_CLUSTER_RUN_DIR         pid file, per-node logs and state (default ~/.cache/openclaw-orleans/local-cluster)
#   OPENCLAW_CLUSTER_CONFIGURATION   Release (default) or Debug: which build output to run
#   OPENCLAW_SHARD_COUNT             shard queues (default 64, as in docker-compose.yml)
#   OPENCLAW_CLUSTER_ID              prefix of the cluster's queues and exchanges (default openclaw); give each cluster
#                                    sharing a broker its own
#   OPENCLAW_RABBITMQ_URI            use this broker instead of starting scripts/servers/rabbitmq.sh
#   OPENCLAW_BLOB_CONNECTION_STRING  use this storage instead of starting scripts/servers/azurite.sh
#   OPENCLAW_CLUSTER_READY_TIMEOUT   seconds to wait for /readyz of every node (default 120)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

RUN_DIR=${OPENCLAW_CLUSTER_RUN_DIR:-$HOME/.cache/openclaw-orleans/local-cluster}
CONFIGURATION=${OPENCLAW_CLUSTER_CONFIGURATION:-Release}
SHARD_COUNT=${OPENCLAW_SHARD_COUNT:-64}
READY_TIMEOUT_S=${OPENCLAW_CLUSTER_READY_TIMEOUT:-120}
HOST=127.0.0.1
SILO_PROJECT=silo/OpenClaw.Silo.csproj
FRONT_PROJECT=gateway-frontend/OpenClaw.Gateway.Host/OpenClaw.Gateway.Host.csproj
SILO_DLL="$ROOT/silo/bin/$CONFIGURATION/net10.0/OpenClaw.Silo.dll"
FRONT_DLL="$ROOT/gateway-frontend/OpenClaw.Gateway.Host/bin/$CONFIGURATION/net10.0/OpenClaw.Gateway.Host.dll"
# Azurite's published development account (not a secret).
AZURITE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;"

NODES="$RUN_DIR/nodes"       # one line per process: kind name pid port   (what `down` kills)
SERVERS="$RUN_DIR/servers"   # servers this cluster's `up` started: rabbitmq, azurite
SETTINGS="$RUN_DIR/settings" # broker, storage and shard count of the running cluster, for add-silo

log() { echo "local-cluster: $*" >&2; }
die() { log "$*"; exit 1; }

usage() {
  sed -n '5,9p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# --- processes -------------------------------------------------------------------------------------------------------

alive() { kill -0 "$1" 2>/dev/null; }

# A PID recorded by us still names our process (not a recycled PID) when its command line runs one of our dlls.
ours() {
  local pid=$1
  alive "$pid" || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -Eq 'OpenClaw\.(Silo|Gateway\.Host)\.dll'
}

live_nodes() {
  [ -f "$NODES" ] || return 0
  while read -r kind name pid port; do
    if ours "$pid"; then echo "$kind $name $pid $port"; fi
  done <"$NODES"
}

stop_pid() {
  local pid=$1
  ours "$pid" || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do alive "$pid" || return 0; sleep 0.1; done
  log "pid $pid ignored SIGTERM for 10 s; killing it"
  kill -9 "$pid" 2>/dev/null || true
}

# --- ports -----------------------------------------------------------------------------------------------------------

TAKEN_PORTS=" "
# Below the kernel's ephemeral range, so no outgoing connection of another process takes a port between our check
# and the node's bind.
EPHEMERAL_FIRST=$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
PORT_FIRST=15000
PORT_SPAN=$((EPHEMERAL_FIRST > PORT_FIRST + 1000 ? EPHEMERAL_FIRST - PORT_FIRST : 10000))
free_port() {
  # Sets PORT to a random unused loopback port (not listening now and not handed out by this run). It sets a variable
  # rather than printing, because a $(…) subshell would forget the ports already handed out.
  local listening port
  listening=$(ss -Hltn 2>/dev/null | awk '{print $4}' | sed 's/.*://' | sort -u | tr '\n' ' ')
  for _ in $(seq 1 200); do
    port=$((PORT_FIRST + RANDOM % PORT_SPAN))
    case " $listening $TAKEN_PORTS " in *" $port "*) continue ;; esac
    TAKEN_PORTS="$TAKEN_PORTS$port "
    PORT=$port; return 0
  done
  die "no free loopback port found"
}

# --- build -----------------------------------------------------------------------------------------------------------

stale() {
  # True when the dll is missing or any source the hosts are built from is newer.
  local dll=$1
  [ -f "$dll" ] || return 0
  [ -n "$(find silo gateway-frontend grains grain-interfaces runtime Directory.Build.props Directory.Packages.props \
      \( -name bin -o -name obj \) -prune -o \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) -newer "$dll" -print -quit)" ]
}

build() {
  local project
  for project in "$SILO_PROJECT" "$FRONT_PROJECT"; do
    local dll=$SILO_DLL; [ "$project" = "$FRONT_PROJECT" ] && dll=$FRONT_DLL
    if stale "$dll"; then
      log "building $project ($CONFIGURATION)"
      dotnet build "$project" -c "$CONFIGURATION" -nologo -v:q >&2 || die "build of $project failed"
    fi
  done
}

# --- servers ---------------------------------------------------------------------------------------------------------

start_servers() {
  : >"$SERVERS"
  if [ -z "${OPENCLAW_RABBITMQ_URI:-}" ]; then
    if ! scripts/servers/rabbitmq.sh status >/dev/null 2>&1; then
      scripts/servers/rabbitmq.sh start >&2 || die "RabbitMQ did not start"
      echo rabbitmq >>"$SERVERS"
    fi
  fi
  if [ -z "${OPENCLAW_BLOB_CONNECTION_STRING:-}" ]; then
    if ! scripts/servers/azurite.sh status >/dev/null 2>&1; then
      scripts/servers/azurite.sh start >&2 || die "Azurite did not start"
      echo azurite >>"$SERVERS"
    fi
  fi
}

stop_servers() {
  [ -f "$SERVERS" ] || return 0
  if grep -qx rabbitmq "$SERVERS"; then scripts/servers/rabbitmq.sh stop >&2 || true; fi
  if grep -qx azurite "$SERVERS"; then scripts/servers/azurite.sh stop >&2 || true; fi
  rm -f "$SERVERS"
}

# --- nodes -----------------------------------------------------------------------------------------------------------

# Starts one node in the background with its own state dir and log; records "kind name pid port" in $NODES.
start_node() {
  local kind=$1 name=$2 port=$3 dll
  local dir="$RUN_DIR/$name"
  mkdir -p "$dir/state"
  local -a env=(
    "OPENCLAW_NODE_NAME=$name"
    "OPENCLAW_RABBITMQ_URI=$RABBITMQ_URI"
    "OPENCLAW_SHARD_COUNT=$SHARD_COUNT"
    "OPENCLAW_STATE_DIR=$dir/state"
    "DOTNET_gcServer=0"   # several processes share one machine: workstation GC, as in the Dockerfile
  )
  [ -n "$CLUSTER_ID" ] && env+=("OPENCLAW_CLUSTER_ID=$CLUSTER_ID")
  [ -n "$CONFIG_PATH" ] && env+=("OPENCLAW_CONFIG_PATH=$CONFIG_PATH")
  local -a args=()
  if [ "$kind" = silo ]; then
    dll=$SILO_DLL
    args=(--mode cluster)
    env+=("OPENCLAW_BLOB_CONNECTION_STRING=$BLOB_CONNECTION_STRING" "OPENCLAW_HEALTH_PORT=$port")
  else
    dll=$FRONT_DLL
    env+=("OPENCLAW_GATEWAY_PORT=$port" "OPENCLAW_GATEWAY_BIND=loopback")
  fi
  # A simple backgrounded command (env execs dotnet), so $! is the node itself; no descriptor of ours is inherited.
  env "${env[@]}" dotnet "$dll" "${args[@]}" >"$RUN_DIR/$name.log" 2>&1 </dev/null &
  echo "$kind $name $! $port" >>"$NODES"
}

ready() { curl -fsS -m 2 -o /dev/null "http://$HOST:$1/readyz" 2>/dev/null; }

# Waits until every listed node answers /readyz; fails (with the log tail) when one exits or the time runs out.
wait_ready() {
  local deadline=$((SECONDS + READY_TIMEOUT_S)) pending="$1" next kind name pid port port_retries=0
  while [ -n "$pending" ]; do
    next=""
    while read -r kind name pid port; do
      [ -z "$kind" ] && continue
      if ! alive "$pid"; then
        if grep -q "address already in use" "$RUN_DIR/$name.log" && [ "$((++port_retries))" -le 5 ]; then
          # Someone else bound the port between our check and the node's bind: same node, another port.
          log "$name: port $port was taken meanwhile; starting it again on another port"
          sed -i "/^$kind $name $pid $port\$/d" "$NODES"
          free_port
          start_node "$kind" "$name" "$PORT"
          next+="$(tail -n 1 "$NODES")"$'\n'
          continue
        fi
        tail -n 40 "$RUN_DIR/$name.log" >&2 || true
        die "$kind $name (pid $pid) exited during start (log: $RUN_DIR/$name.log)"
      fi
      ready "$port" || next+="$kind $name $pid $port"$'\n'
    done <<<"$pending"
    pending=$next
    [ -z "$pending" ] && break
    if [ "$SECONDS" -ge "$deadline" ]; then
      die "not ready within ${READY_TIMEOUT_S}s: $(echo "$pending" | awk 'NF {printf "%s ", $2}')(logs in $RUN_DIR)"
    fi
    sleep 0.2
  done
}

print_node() {
  local kind=$1 name=$2 pid=$3 port=$4
  if [ "$kind" = silo ]; then echo "silo $name pid $pid"; else echo "front $name pid $pid url ws://$HOST:$port"; fi
}

print_all() {
  local first_front="" kind name pid port
  while read -r kind name pid port; do
    [ -z "$kind" ] && continue
    print_node "$kind" "$name" "$pid" "$port"
    [ "$kind" = front ] && [ -z "$first_front" ] && first_front=$port
  done <<<"$1"
  # The dashboard is served by every front node; the first one is as good as any.
  if [ -n "$first_front" ]; then echo "dashboard http://$HOST:$first_front/dashboard"; fi
}

load_settings() {
  [ -f "$SETTINGS" ] || die "no cluster in $RUN_DIR (run up first)"
  # shellcheck disable=SC1090
  . "$SETTINGS"
}

# --- commands --------------------------------------------------------------------------------------------------------

up() {
  local silos=2 fronts=2 do_build=1
  while [ $# -gt 0 ]; do
    case "$1" in
      --silos) silos=${2:?--silos needs a number}; shift 2 ;;
      --fronts) fronts=${2:?--fronts needs a number}; shift 2 ;;
      --no-build) do_build=0; shift ;;
      *) usage ;;
    esac
  done
  [[ "$silos" =~ ^[1-9][0-9]*$ ]] || die "--silos must be a positive integer"
  [[ "$fronts" =~ ^[1-9][0-9]*$ ]] || die "--fronts must be a positive integer"
  mkdir -p "$RUN_DIR"
  [ -z "$(live_nodes)" ] || die "a cluster is already running from $RUN_DIR (run down first)"
  rm -f "$NODES"; rm -rf "${RUN_DIR:?}"/silo-* "${RUN_DIR:?}"/front-*

  [ "$do_build" = 1 ] && build
  [ -f "$SILO_DLL" ] || die "$SILO_DLL is missing (build $SILO_PROJECT -c $CONFIGURATION)"
  [ -f "$FRONT_DLL" ] || die "$FRONT_DLL is missing (build $FRONT_PROJECT -c $CONFIGURATION)"
  [ -n "${OPENCLAW_GATEWAY_TOKEN:-}" ] || log "OPENCLAW_GATEWAY_TOKEN is not set: the front nodes use the config file's gateway.auth"

  start_servers
  CONFIG_PATH=""
  if [ -n "${OPENCLAW_CONFIG_PATH:-}" ]; then CONFIG_PATH=$(realpath -m "$OPENCLAW_CONFIG_PATH"); fi
  RABBITMQ_URI=${OPENCLAW_RABBITMQ_URI:-amqp://guest:guest@$HOST:5672/}
  BLOB_CONNECTION_STRING=${OPENCLAW_BLOB_CONNECTION_STRING:-$AZURITE_CONNECTION_STRING}
  CLUSTER_ID=${OPENCLAW_CLUSTER_ID:-}
  {
    printf 'CONFIG_PATH=%q\nRABBITMQ_URI=%q\nBLOB_CONNECTION_STRING=%q\n' "$CONFIG_PATH" "$RABBITMQ_URI" "$BLOB_CONNECTION_STRING"
    printf 'SHARD_COUNT=%q\nCLUSTER_ID=%q\nSILO_DLL=%q\nFRONT_DLL=%q\n' "$SHARD_COUNT" "$CLUSTER_ID" "$SILO_DLL" "$FRONT_DLL"
  } >"$SETTINGS"

  # If anything below fails, stop what was started so a failed `up` leaves nothing behind.
  trap 'down_quietly' EXIT
  local i
  for i in $(seq 1 "$silos"); do free_port; start_node silo "silo-$i" "$PORT"; done
  for i in $(seq 1 "$fronts"); do free_port; start_node front "front-$i" "$PORT"; done
  wait_ready "$(cat "$NODES")"
  trap - EXIT
  print_all "$(cat "$NODES")"
}

add_silo() {
  load_settings
  [ -n "$(live_nodes)" ] || die "no cluster is running from $RUN_DIR"
  local n name line
  n=$(awk '$1 == "silo"' "$NODES" | wc -l)
  name="silo-$((n + 1))"
  free_port
  start_node silo "$name" "$PORT"
  line=$(tail -n 1 "$NODES")
  trap 'stop_pid "$(echo "$line" | awk "{print \$3}")"' EXIT
  wait_ready "$line"
  trap - EXIT
  line=$(tail -n 1 "$NODES")   # a node restarted on another port was recorded again, last
  # shellcheck disable=SC2086 # the line's fields are the arguments
  print_node $line
}

status() {
  local nodes
  nodes=$(live_nodes)
  [ -n "$nodes" ] || { log "no cluster running from $RUN_DIR"; return 3; }
  print_all "$nodes"
}

down() {
  local kind name pid port
  if [ -f "$NODES" ]; then
    # Fronts first, so clients see their node go away before the grains do.
    while read -r kind name pid port; do
      [ "$kind" = front ] && stop_pid "$pid"
    done <"$NODES"
    while read -r kind name pid port; do
      [ "$kind" = silo ] && stop_pid "$pid"
    done <"$NODES"
    rm -f "$NODES"
  fi
  stop_servers
  log "stopped (logs kept in $RUN_DIR)"
}

down_quietly() { down >/dev/null 2>&1 || true; }

case "${1:-}" in
  up) shift; up "$@" ;;
  add-silo) add_silo ;;
  status) status ;;
  down) down ;;
  *) usage ;;
esac
