#!/usr/bin/env bash
# RabbitMQ (Debian rabbitmq-server 3.10.x) for the cluster-mode transport tests: a throwaway single node, run as root
# without systemd, listening on 127.0.0.1 only (AMQP 5672 for the shared node; epmd and Erlang distribution on loopback
# too), with its data under $OPENCLAW_SERVERS_DIR/rabbitmq, wiped on every start (not on restart). Installs the apt
# package when it is missing.
#   usage: scripts/servers/rabbitmq.sh start|stop|restart|status
#     start    wipe the node's data and start it (no-op when it already runs)
#     stop     stop the node
#     restart  stop and start again KEEPING the data (durable queues and their messages survive): a broker restart
#   env:   OPENCLAW_SERVERS_DIR (default ~/.cache/openclaw-orleans/servers)
#          OPENCLAW_RABBITMQ_INSTANCE  a separate node instead of the shared one, e.g. `restart`: node
#                   rabbit-NAME@localhost, data in $OPENCLAW_SERVERS_DIR/rabbitmq-NAME, AMQP port 5673 and Erlang
#                   distribution port 25673 unless OPENCLAW_RABBITMQ_PORT says otherwise (distribution = AMQP + 20000).
#                   Tests that stop or restart a broker must use their own instance: the shared one on 5672 serves
#                   every other test running at the same time. NAME: lowercase letters, digits and dashes.
#          OPENCLAW_RABBITMQ_PORT  AMQP port of a named instance (default 5673; the shared node is always 5672)
#   e.g.   OPENCLAW_RABBITMQ_INSTANCE=restart scripts/servers/rabbitmq.sh start     # amqp://guest:guest@127.0.0.1:5673/
#          OPENCLAW_RABBITMQ_INSTANCE=restart scripts/servers/rabbitmq.sh restart
set -euo pipefail

HOST=127.0.0.1
INSTANCE=${OPENCLAW_RABBITMQ_INSTANCE:-}
SERVERS=${OPENCLAW_SERVERS_DIR:-$HOME/.cache/openclaw-orleans/servers}
if [ -z "$INSTANCE" ]; then
  PORT=5672; NODE=rabbit@localhost; DIR="$SERVERS/rabbitmq"
else
  [[ "$INSTANCE" =~ ^[a-z0-9][a-z0-9-]{0,30}$ ]] || { echo "OPENCLAW_RABBITMQ_INSTANCE must be lowercase letters, digits and dashes" >&2; exit 2; }
  PORT=${OPENCLAW_RABBITMQ_PORT:-5673}; NODE="rabbit-$INSTANCE@localhost"; DIR="$SERVERS/rabbitmq-$INSTANCE"
  [[ "$PORT" =~ ^[0-9]+$ ]] && [ "$PORT" -ne 5672 ] && [ "$PORT" -lt 45535 ] \
    || { echo "OPENCLAW_RABBITMQ_PORT must be a port number other than 5672 (and below 45535)" >&2; exit 2; }
fi
DIST_PORT=$((PORT + 20000))
DATA="$DIR/node"                                  # wiped on start
BIN=/usr/lib/rabbitmq/bin
READY_TIMEOUT_S=90

# Everything the server and its CLI tools must agree on. HOME holds the Erlang cookie: server and rabbitmqctl
# must see the same one, so it lives with the node's data instead of the caller's home.
export HOME="$DIR/home"
export RABBITMQ_NODENAME=$NODE
export RABBITMQ_NODE_IP_ADDRESS=$HOST RABBITMQ_NODE_PORT=$PORT RABBITMQ_DIST_PORT=$DIST_PORT
export ERL_EPMD_ADDRESS=$HOST
export RABBITMQ_MNESIA_BASE="$DATA/mnesia" RABBITMQ_LOG_BASE="$DATA/log"
export RABBITMQ_CONFIG_FILE="$DATA/rabbitmq.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$DATA/enabled_plugins"
export RABBITMQ_PID_FILE="$DATA/rabbit.pid"
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"

install() {
  [ -x "$BIN/rabbitmq-server" ] && return 0
  echo "installing rabbitmq-server from apt"
  export DEBIAN_FRONTEND=noninteractive
  # An image with empty package lists knows no candidate: refresh them first, then install.
  if ! apt-cache show rabbitmq-server >/dev/null 2>&1; then apt-get update -qq >/dev/null; fi
  apt-get install -y -qq rabbitmq-server >/dev/null
  [ -x "$BIN/rabbitmq-server" ] || { echo "rabbitmq-server installed but $BIN/rabbitmq-server is missing" >&2; exit 1; }
}

node_pid() {
  # The node's OS process from its pid file, only while it is alive. Checked first because the Erlang CLI tools start
  # an epmd daemon as a side effect, which would then outlive a node that is not running.
  [ -f "$RABBITMQ_PID_FILE" ] || return 1
  local pid; pid=$(cat "$RABBITMQ_PID_FILE")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && { echo "$pid"; return 0; }
  return 1
}

running() { node_pid >/dev/null && "$BIN/rabbitmq-diagnostics" -q check_running >/dev/null 2>&1; }

port_open() { (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; }

start() {
  local keep_data=${1:-}
  mkdir -p "$DIR"
  # Serialize concurrent starts (a test fixture and a script at the same moment).
  exec 9>"$DIR/start.lock"
  flock -w 300 9 || { echo "timed out waiting for another rabbitmq start" >&2; exit 1; }
  install
  if running; then echo "rabbitmq already running, pid $(node_pid), $HOST:$PORT"; return 0; fi
  if port_open; then echo "rabbitmq: something already listens on $HOST:$PORT; using it"; return 0; fi

  if [ -z "$keep_data" ] || [ ! -d "$DATA/mnesia" ]; then rm -rf "$DATA"; fi
  mkdir -p "$DATA/mnesia" "$DATA/log" "$HOME"
  echo '[].' >"$RABBITMQ_ENABLED_PLUGINS_FILE"
  # loopback_users = none lets guest/guest in over 127.0.0.1 (the node listens on nothing else).
  printf 'listeners.tcp.1 = %s:%s\nloopback_users = none\n' "$HOST" "$PORT" >"$RABBITMQ_CONFIG_FILE"
  # -detached forks the node away from this shell; it must not inherit the lock descriptor.
  "$BIN/rabbitmq-server" -detached 9>&-
  if ! "$BIN/rabbitmqctl" wait "$RABBITMQ_PID_FILE" --timeout "$READY_TIMEOUT_S" >/dev/null 2>"$DIR/wait.err"; then
    cat "$DIR/wait.err" >&2
    tail -n 30 "$DATA"/log/*.log >&2 2>/dev/null || true
    echo "rabbitmq did not become ready within ${READY_TIMEOUT_S}s (logs: $DATA/log)" >&2
    exit 1
  fi
  echo "rabbitmq ready, pid $(cat "$RABBITMQ_PID_FILE"), $HOST:$PORT ($NODE)"
}

stop() {
  local pid
  if ! pid=$(node_pid); then echo "rabbitmq not running (by this script)"; else
    "$BIN/rabbitmqctl" shutdown --timeout 60 >/dev/null 2>&1 || true   # returns once the OS process is gone
    if kill -0 "$pid" 2>/dev/null; then                                  # a node that did not shut down cleanly
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    echo "rabbitmq stopped, pid $pid"
  fi
  # epmd was started by the node's Erlang VM and outlives it; ask it to exit (harmless when it is not running, and
  # refused by epmd while another node, e.g. the shared one or another instance, is still registered with it).
  /usr/bin/epmd -kill >/dev/null 2>&1 || true
}

status() {
  if running; then echo "rabbitmq running, pid $(node_pid), $HOST:$PORT"; return 0; fi
  if port_open; then echo "rabbitmq: not started by this script, but something listens on $HOST:$PORT"; return 0; fi
  echo "rabbitmq not running"; return 3
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start keep-data ;;
  status) status ;;
  *) echo "usage: $0 start|stop|restart|status" >&2; exit 2 ;;
esac
