# yuma-chain: the two commands a newcomer needs are `make dev` and `make test`.
# Each runs scripts/setup.sh first (quick when everything is installed).

SHELL := /bin/bash
export CARGO_TARGET_DIR ?= $(HOME)/.cache/yuma-chain/target
NODE := $(CARGO_TARGET_DIR)/debug/yuma-node
CARGO_FLAGS := --workspace --locked

.PHONY: dev test setup build upgrade-wasm test-rust test-yuma test-python test-digits test-e2e test-zombienet clippy bench bench-runtime load

## Run a single-node dev chain (Alice authors and finalizes) on ws://127.0.0.1:9944.
dev: build
	$(NODE) --dev $(ARGS)

## Build everything, then run every check: lints, Rust tests (workspace), the
## consensus engine's WASM build and float cross-check, the Python SDK's tests,
## the digits subnet end to end, e2e (polkadot.js), and the zombienet networks
## (smoke, faults, consensus).
test: build clippy test-rust test-yuma test-python test-digits test-e2e test-zombienet

setup:
	@bash scripts/setup.sh

build: setup
	cargo build $(CARGO_FLAGS)

test-rust: setup
	cargo test $(CARGO_FLAGS)
	# The epoch benchmarks, run once each at their lowest and highest components
	# on the mock runtime (they check what the epoch paid).
	SKIP_WASM_BUILD=1 cargo test --locked -p pallet-emission --features runtime-benchmarks benchmarking
	# The validator set's call benchmarks, likewise (on its mock with pallet-session).
	SKIP_WASM_BUILD=1 cargo test --locked -p pallet-validator-set --features runtime-benchmarks benchmarking
	# The call and hook benchmarks of pallet-subnets, pallet-stake and
	# pallet-weights, likewise (on a mock with the real subnets, stake,
	# weights and emission pallets), and the check that every call has one.
	SKIP_WASM_BUILD=1 cargo test --locked -p yuma-benchmarks --features runtime-benchmarks
	# The governance call's benchmark, likewise.
	SKIP_WASM_BUILD=1 cargo test --locked -p pallet-governance --features runtime-benchmarks benchmarking
	# The migration checks through try-runtime's own entry point: governance's
	# v1 (pre_upgrade, the migration, post_upgrade) and Untouched (the pallets
	# a release does not migrate, read around its migrations).
	SKIP_WASM_BUILD=1 cargo test --locked -p pallet-governance -p pallet-weights \
		--features pallet-governance/try-runtime,pallet-weights/try-runtime migration

## yuma-consensus builds for the runtime's target, and yuma-sim agrees with an
## independent float implementation of YUMA.md on 900 random multi-epoch scenarios.
test-yuma: build
	cargo +web build --release --locked --target wasm32v1-none -p yuma-consensus --no-default-features \
		--target-dir $(CARGO_TARGET_DIR)/wasm-check
	for seed in 1 2 3; do python3 primitives/yuma/reference/compare.py $(CARGO_TARGET_DIR)/debug/yuma-sim 300 $$seed || exit 1; done

## The runtime's FRAME benchmarks (not part of `make test`): builds a
## release node with `runtime-benchmarks` (30 min the first time here, a few
## after a runtime change) and rewrites runtime/src/weights/<pallet>.rs for
## each of BENCH_PALLETS (`make bench-runtime BENCH_PALLETS=pallet_stake`
## for one). The storage benchmark's test runtime is not built (yuma-node
## does not offer `benchmark storage`).
BENCH_NODE := $(CARGO_TARGET_DIR)/release/yuma-node
BENCH_PALLETS ?= pallet_emission pallet_subnets pallet_stake pallet_weights pallet_governance pallet_validator_set \
	frame_system frame_system_extensions pallet_balances pallet_transaction_payment pallet_timestamp pallet_sudo \
	pallet_utility pallet_preimage pallet_scheduler
bench-runtime: setup
	SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1 cargo build --release --locked -p yuma-node --features runtime-benchmarks
	for pallet in $(BENCH_PALLETS); do \
		$(BENCH_NODE) benchmark pallet --chain dev --pallet $$pallet --extrinsic '*' \
			--steps 5 --repeat 3 --output runtime/src/weights/$$pallet.rs || exit 1; \
	done

## Load benchmark (not part of `make test`): 60 s of signed set_weights and
## transfers against a dev node it starts; prints TPS and block fullness.
load: build
	cd e2e && YUMA_NODE=$(NODE) node load.js $(ARGS)

## Criterion benchmark of the consensus engine (not part of `make test`).
bench: setup
	cargo bench -p yuma-consensus --bench epoch

## The test upgrade: the runtime built with `upgrade-test` (spec_version one
## above, governance's storage migration 0 -> 1), as $(UPGRADE_WASM). The
## two builds share the WASM project directory, so the dev node's own blobs
## are put back as they were (timestamps too: nothing rebuilds). The blob is
## rebuilt when the runtime changed, or when it is missing. About four
## minutes after `make build`.
WBUILD := $(CARGO_TARGET_DIR)/debug/wbuild/yuma-runtime
UPGRADE_DIR := $(CARGO_TARGET_DIR)/upgrade
export UPGRADE_WASM := $(UPGRADE_DIR)/yuma_runtime.wasm
upgrade-wasm: build
	rm -rf $(UPGRADE_DIR)/dev-blobs && mkdir -p $(UPGRADE_DIR)/dev-blobs
	cp -p $(WBUILD)/*.wasm $(UPGRADE_DIR)/dev-blobs/
	$(if $(wildcard $(UPGRADE_WASM)),,FORCE_WASM_BUILD=$$(date +%s%N)) WASM_TARGET_DIRECTORY=$(UPGRADE_DIR) \
		cargo build --locked -p yuma-runtime --features upgrade-test; \
		status=$$?; cp -p $(UPGRADE_DIR)/dev-blobs/*.wasm $(WBUILD)/; exit $$status
	@ls -l $(UPGRADE_WASM)

## The Python SDK (python/, in .venv) against a dev node the suite starts.
test-python: build
	cd python && YUMA_NODE=$(NODE) ../.venv/bin/python -m pytest -q -p no:cacheprovider -n 4 --dist loadfile

## The reference subnet end to end: a dev chain, 2 validators and 3 miners
## (good, weak, random) as processes; incentive must rank good > weak > random.
test-digits: build
	YUMA_NODE=$(NODE) .venv/bin/python -m pytest -q -s -p no:cacheprovider -W "ignore::DeprecationWarning:async_substrate_interface.sync_substrate" subnets/digits

test-e2e: build upgrade-wasm
	cd e2e && YUMA_NODE=$(NODE) npm test

## Four validators and a full node (zombienet/local.toml), four tests; and
## the same with a sixth node that joins and leaves the validators.
test-zombienet: build upgrade-wasm
	YUMA_NODE=$(NODE) scripts/zombienet.sh smoke
	YUMA_NODE=$(NODE) scripts/zombienet.sh faults
	YUMA_NODE=$(NODE) scripts/zombienet.sh consensus
	YUMA_NODE=$(NODE) scripts/zombienet.sh upgrade
	YUMA_NODE=$(NODE) scripts/zombienet.sh validators

## Lints of every crate but the node (the runtime deny list is in Cargo.toml).
## The WASM build is skipped: it adds nothing to the lints.
clippy: setup
	SKIP_WASM_BUILD=1 cargo clippy $(CARGO_FLAGS) --exclude yuma-node --all-targets -- -D warnings
	SKIP_WASM_BUILD=1 cargo clippy --locked -p pallet-emission --features runtime-benchmarks --all-targets -- -D warnings
	SKIP_WASM_BUILD=1 cargo clippy --locked -p pallet-validator-set --features runtime-benchmarks --all-targets -- -D warnings
	SKIP_WASM_BUILD=1 cargo clippy --locked -p yuma-benchmarks -p pallet-governance --features runtime-benchmarks --all-targets -- -D warnings
	SKIP_WASM_BUILD=1 cargo clippy --locked -p yuma-runtime --features upgrade-test --all-targets -- -D warnings
