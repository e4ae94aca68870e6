#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine: installs what the tests need (Node 24 and the real OpenClaw
# CLI for the interop tests; RabbitMQ and Azurite for the cluster tests, started on loopback and stopped at the end),
# builds in Release and runs all test projects. Ends with the line
# "N passed, M failed[, K skipped]" and exits non-zero when anything failed.
#   usage: scripts/test.sh [extra dotnet test args, e.g. --filter FullyQualifiedName~Gateway]
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RESULTS="$ROOT/artifacts/test-results"
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

echo "== installing the real OpenClaw CLI for the interop tests (cached after the first run)"
scripts/install-openclaw-cli.sh >/dev/null || { echo "OpenClaw CLI install failed"; echo "0 passed, 1 failed"; exit 1; }

echo "== building (Release)"
if ! dotnet build OpenClaw.Orleans.sln -c Release -nologo -v:q; then
  echo "build failed"; echo "0 passed, 1 failed"; exit 1
fi

echo "== starting the test servers (RabbitMQ, Azurite; installed on first use)"
stop_servers() { scripts/servers/rabbitmq.sh stop >/dev/null 2>&1; scripts/servers/azurite.sh stop >/dev/null 2>&1; }
trap stop_servers EXIT
scripts/servers/rabbitmq.sh start || { echo "RabbitMQ failed to start"; echo "0 passed, 1 failed"; exit 1; }
scripts/servers/azurite.sh start || { echo "Azurite failed to start"; echo "0 passed, 1 failed"; exit 1; }

echo "== testing"
dotnet test OpenClaw.Orleans.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$RESULTS" "$@"
status=$?

# Totals from the TRX files: one <Counters …/> element per test project run.
read -r passed failed skipped < <(cat "$RESULTS"/*.trx 2>/dev/null | tr ' ' '\n' | awk -F'"' '
  /^passed=/ {p+=$2} /^failed=/ {f+=$2} /^notExecuted=/ {s+=$2} /^error=/ {f+=$2} /^timeout=/ {f+=$2} /^aborted=/ {f+=$2}
  END {print p+0, f+0, s+0}')
trx_count=$(ls "$RESULTS"/*.trx 2>/dev/null | wc -l)
test_projects=$(grep -l "<IsTestProject>true" tests/*/*.csproj | wc -l)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi            # a crashed test host counts as a failure
if [ "$trx_count" -lt "$test_projects" ]; then                                 # a project that produced no results failed
  echo "only $trx_count of $test_projects test projects produced results"; failed=$((failed + test_projects - trx_count))
fi
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
[ "$failed" -eq 0 ]
