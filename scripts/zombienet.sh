#!/usr/bin/env bash
# Runs a zombienet network of yuma-node (zombienet/local.toml: four
# validators and a full node, native provider).
#
#   scripts/zombienet.sh smoke|consensus|faults|upgrade|validators   run zombienet/<name>.zndsl
#   scripts/zombienet.sh spawn                    launch the network and keep it up
#   scripts/zombienet.sh join [NAME] [RPC_PORT]   start one more node (default eve,
#       RPC 9950) with --validator, joined to the network `spawn` launched: it
#       authors once it has session keys and governance adds it (README,
#       "Add a validator to a running network")
#
# Installs the pinned @zombienet/cli from zombienet/package-lock.json first
# (with the `toml` override that makes it installable here). Uses the node
# `make build` made ($YUMA_NODE, else $CARGO_TARGET_DIR/debug/yuma-node).
# A test's network files and node logs go to zombienet/logs/<name>/; they
# are kept when the test fails and removed when it passes.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
what="${1:?usage: scripts/zombienet.sh smoke|consensus|faults|upgrade|validators|spawn|join}"
target="${CARGO_TARGET_DIR:-$HOME/.cache/yuma-chain/target}"
node="${YUMA_NODE:-$target/debug/yuma-node}"
say() { printf '[zombienet] %s\n' "$*"; }

[ -x "$node" ] || { say "no yuma-node at $node: run make build (or set YUMA_NODE)"; exit 1; }
# `upgrade` applies the test upgrade that `make upgrade-wasm` builds.
export UPGRADE_WASM="${UPGRADE_WASM:-$target/upgrade/yuma_runtime.wasm}"
if [ "$what" = upgrade ] && [ ! -f "$UPGRADE_WASM" ]; then
	say "no test upgrade at $UPGRADE_WASM: run make upgrade-wasm"; exit 1
fi
cd "$root/zombienet"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	say "installing @zombienet/cli (pinned in package-lock.json)"
	npm ci --no-audit --no-fund --loglevel=error
fi
mkdir -p bin
ln -sf "$node" bin/yuma-node

if [ "$what" = join ]; then
	name="${2:-eve}"; rpc="${3:-9950}"
	net="$root/zombienet/logs/spawn/zombie.json"
	[ -f "$net" ] || { say "no running network ($net): run scripts/zombienet.sh spawn first"; exit 1; }
	# The spawned network's raw chain spec and alice's address, from zombie.json.
	read -r spec boot < <(node -e '
		const n = require(process.argv[1]);
		console.log(n.chainSpecFullPath, n.nodesByName.alice.multiAddress);' "$net")
	base="$root/zombienet/logs/spawn/$name"
	# An authority needs a stable network identity: made once, kept in $base.
	if ! ls "$base"/chains/*/network/secret_ed25519 >/dev/null 2>&1; then
		"$node" key generate-node-key --chain "$spec" --base-path "$base" 2>/dev/null
	fi
	say "$name: a full node with --validator, RPC ws://127.0.0.1:$rpc, data in $base"
	exec "$node" --chain "$spec" --name "$name" --validator --base-path "$base" \
		--rpc-port "$rpc" --rpc-methods unsafe --rpc-cors all --port 0 --bootnodes "$boot"
fi

logs="$root/zombienet/logs/$what"
rm -rf "$logs"
mkdir -p "$(dirname "$logs")"
start=$(date +%s)
if [ "$what" = spawn ]; then
	say "network files and logs: $logs; RPC: alice 9944, bob 9945, charlie 9946, dave 9947, ferdie 9948"
	exec npx --no-install zombienet -p native -l text -d "$logs" -f spawn local.toml
fi
[ -f "$what.zndsl" ] || { say "no zombienet/$what.zndsl"; exit 1; }
if npx --no-install zombienet -p native -l text -d "$logs" -f test "$what.zndsl"; then
	say "$what passed in $(( $(date +%s) - start )) s"
	rm -rf "$logs"
else
	say "$what FAILED after $(( $(date +%s) - start )) s; network files and node logs kept in $logs"
	exit 1
fi
