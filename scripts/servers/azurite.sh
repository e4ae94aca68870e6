#!/usr/bin/env bash
# Azurite (the Azure Blob Storage emulator, blob service only) for the cluster-mode storage tests.
# Installs azurite@3.35.0 from npm once (3.36+ needs node >= 22), runs it on 127.0.0.1:10000 in memory with
# telemetry off (without --disableTelemetry it calls Application Insights at every start).
#   usage: scripts/servers/azurite.sh start|stop|status
#   env:   OPENCLAW_SERVERS_DIR (default ~/.cache/openclaw-orleans/servers), AZURITE_BLOB_PORT (default 10000)
set -euo pipefail

VERSION=3.35.0
HOST=127.0.0.1
PORT=${AZURITE_BLOB_PORT:-10000}
DIR=${OPENCLAW_SERVERS_DIR:-$HOME/.cache/openclaw-orleans/servers}/azurite
PID_FILE="$DIR/azurite-$PORT.pid"
LOG_FILE="$DIR/azurite-$PORT.log"
MAIN="$DIR/node_modules/azurite/dist/src/blob/main.js"
READY_URL="http://$HOST:$PORT/devstoreaccount1?comp=list"
READY_TIMEOUT_S=30

our_pid() {
  # The PID in our file, only while that process is alive.
  [ -f "$PID_FILE" ] || return 1
  local pid; pid=$(cat "$PID_FILE")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && { echo "$pid"; return 0; }
  return 1
}

answers_http() {
  # Any HTTP status (403 without credentials is normal) means the blob service is listening.
  local code; code=$(curl -s -m 2 -o /dev/null -w '%{http_code}' "$READY_URL" || true)
  [ -n "$code" ] && [ "$code" != "000" ]
}

install() {
  [ -f "$MAIN" ] && return 0
  echo "installing azurite@$VERSION into $DIR"
  npm install --prefix "$DIR" --no-audit --no-fund --no-save "azurite@$VERSION" >"$DIR/npm-install.log" 2>&1 \
    || { cat "$DIR/npm-install.log" >&2; echo "npm install azurite@$VERSION failed" >&2; exit 1; }
  [ -f "$MAIN" ] || { echo "azurite installed but $MAIN is missing" >&2; exit 1; }
}

start() {
  mkdir -p "$DIR"
  # Serialize concurrent starts (a test fixture and a script at the same moment).
  exec 9>"$DIR/start.lock"
  flock -w 120 9 || { echo "timed out waiting for another azurite start" >&2; exit 1; }
  if pid=$(our_pid); then echo "azurite already running, pid $pid, $HOST:$PORT"; return 0; fi
  if answers_http; then echo "azurite: something already answers on $HOST:$PORT; using it"; return 0; fi
  install
  rm -f "$PID_FILE"
  # A simple backgrounded command, so that $! is node itself and stop kills the server, not a subshell. It must not
  # inherit the lock descriptor, or the lock would be held for the server's lifetime.
  nohup node "$MAIN" --blobHost "$HOST" --blobPort "$PORT" --inMemoryPersistence \
    --skipApiVersionCheck --disableTelemetry --silent >"$LOG_FILE" 2>&1 </dev/null 9>&- &
  local pid=$!
  echo "$pid" >"$PID_FILE"
  local deadline=$((SECONDS + READY_TIMEOUT_S))
  until answers_http; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE"; cat "$LOG_FILE" >&2; echo "azurite exited during start" >&2; exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      kill "$pid" 2>/dev/null || true; rm -f "$PID_FILE"
      echo "azurite did not answer on $HOST:$PORT within ${READY_TIMEOUT_S}s (log: $LOG_FILE)" >&2; exit 1
    fi
    sleep 0.1
  done
  echo "azurite ready, pid $pid, $HOST:$PORT"
}

stop() {
  local pid
  if ! pid=$(our_pid); then rm -f "$PID_FILE"; echo "azurite not running (by this script)"; return 0; fi
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
  rm -f "$PID_FILE"
  echo "azurite stopped, pid $pid"
}

status() {
  local pid
  if pid=$(our_pid); then echo "azurite running, pid $pid, $HOST:$PORT"; return 0; fi
  if answers_http; then echo "azurite: not started by this script, but something answers on $HOST:$PORT"; return 0; fi
  echo "azurite not running"; return 3
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
