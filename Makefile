# yuma-chain: the two commands a newcomer needs are `make dev` and `make test`.
# Each runs scripts/setup.sh first (quick when everything is installed).

SHELL := /bin/bash
export CARGO_TARGET_DIR ?= $(HOME)/.cache/yuma-chain/target
NODE := $(CARGO_TARGET_DIR)/debug/yuma-node
CARGO_FLAGS := --workspace --locked

.PHONY: dev test setup build test-rust test-e2e clippy clean-chain

## Run a single-node dev chain (Alice authors and finalizes) on ws://127.0.0.1:9944.
dev: build
	$(NODE) --dev $(ARGS)

## Build everything, then run every check: lints, Rust tests (workspace), e2e (polkadot.js).
test: build clippy test-rust test-e2e

setup:
	@bash scripts/setup.sh

build: setup
	cargo build $(CARGO_FLAGS)

test-rust: setup
	cargo test $(CARGO_FLAGS)

test-e2e: build
	cd e2e && YUMA_NODE=$(NODE) npm test

## Lints of every crate but the node (the runtime deny list is in Cargo.toml).
## The WASM build is skipped: it adds nothing to the lints.
clippy: setup
	SKIP_WASM_BUILD=1 cargo clippy $(CARGO_FLAGS) --exclude yuma-node --all-targets -- -D warnings
