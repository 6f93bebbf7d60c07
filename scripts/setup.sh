#!/usr/bin/env bash
# Installs everything a fresh machine needs to build and test yuma-chain.
# Idempotent: each step checks first and is skipped when already done, so a
# second run takes a second or two. Safe to run as root (CI) or with sudo.
#
#   1. Debian packages: Debian's Rust ("web" toolchain) with its std sources,
#      rust-lld (lld-22), protoc (litep2p's build script), Node.js + npm (e2e suite).
#   2. `rustup toolchain link web /usr`.
#   3. The wasm32v1-none target for that toolchain: core, alloc and
#      compiler_builtins built from the shipped sources, with embedded bitcode
#      (the runtime is linked with LTO).
#   4. The e2e suite's npm packages, exactly as package-lock.json says.
#   5. The zombienet CLI, pinned in zombienet/package-lock.json.
#   6. The Python environment .venv: python/requirements.txt (pinned), then
#      the `yuma` package itself (editable, no dependencies of its own).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { printf '[setup] %s\n' "$*"; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# ---- 1. Debian packages -------------------------------------------------------
pkgs=(rustc-web cargo-web rust-web-src rust-web-llvm lld-22 protobuf-compiler nodejs npm python3 python3-venv)
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js may come from elsewhere (e.g. preinstalled); then Debian's is not needed.
if command -v node >/dev/null && command -v npm >/dev/null; then
	missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -r -a missing <<<"${missing[*]:-}"
if [ "${#missing[@]}" -gt 0 ]; then
	say "installing Debian packages: ${missing[*]}"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
else
	say "Debian packages present"
fi

# ---- 2. The "web" rustup toolchain -----------------------------------------------
if ! rustup toolchain list | grep -q '^web'; then
	say "linking Debian's Rust as rustup toolchain 'web'"
	rustup toolchain link web /usr
fi
say "$(cargo +web --version)"

# ---- 3. wasm32v1-none core/alloc for the web toolchain -----------------------------
sysroot="$(rustc +web --print sysroot)"
wasm_lib="$sysroot/lib/rustlib/wasm32v1-none/lib"
stamp="$wasm_lib/.yuma-$(rustc +web --version | tr ' ()' '___')"
if [ ! -f "$stamp" ]; then
	say "building core and alloc for wasm32v1-none (one minute)"
	work="$(mktemp -d)"
	trap 'rm -rf "$work"' EXIT
	mkdir -p "$work/src"
	cat >"$work/Cargo.toml" <<'TOML'
[package]
name = "sysroot-probe"
version = "0.0.0"
edition = "2021"
[lib]
crate-type = ["cdylib"]
[profile.release]
panic = "abort"
TOML
	cat >"$work/src/lib.rs" <<'RS'
#![no_std]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! { loop {} }
RS
	(cd "$work" && env -u CARGO_TARGET_DIR RUSTC_BOOTSTRAP=1 RUSTFLAGS="-C embed-bitcode=yes" \
		cargo +web build --quiet --release --target wasm32v1-none -Z build-std=core,alloc)
	$SUDO mkdir -p "$wasm_lib"
	$SUDO rm -f "$wasm_lib"/libcore-*.rlib "$wasm_lib"/liballoc-*.rlib "$wasm_lib"/libcompiler_builtins-*.rlib
	deps="$work/target/wasm32v1-none/release/deps"
	$SUDO cp "$deps"/libcore-*.rlib "$deps"/liballoc-*.rlib "$deps"/libcompiler_builtins-*.rlib "$wasm_lib/"
	$SUDO touch "$stamp"
	# Runtime WASM built against an older core would fail with "can't find crate".
	rm -rf "${CARGO_TARGET_DIR:-$root/target}"/*/wbuild
else
	say "wasm32v1-none sysroot present"
fi

# ---- 4. e2e npm packages -----------------------------------------------------------
if [ -f "$root/e2e/package-lock.json" ]; then
	if [ ! -d "$root/e2e/node_modules" ] || [ "$root/e2e/package-lock.json" -nt "$root/e2e/node_modules/.package-lock.json" ]; then
		say "installing e2e npm packages"
		(cd "$root/e2e" && npm ci --no-audit --no-fund --loglevel=error)
	else
		say "e2e npm packages present"
	fi
fi
# ---- 5. zombienet CLI (pinned; see zombienet/package.json for the toml override) ----
if [ -f "$root/zombienet/package-lock.json" ]; then
	if [ ! -d "$root/zombienet/node_modules" ] || [ "$root/zombienet/package-lock.json" -nt "$root/zombienet/node_modules/.package-lock.json" ]; then
		say "installing the zombienet CLI"
		(cd "$root/zombienet" && npm ci --no-audit --no-fund --loglevel=error)
	else
		say "zombienet CLI present"
	fi
fi
# ---- 6. The Python environment (pinned in python/requirements.txt) ------------------
venv="$root/.venv"
want="$(cat "$root/python/requirements.txt" "$root/python/pyproject.toml" | sha256sum | cut -c1-16)"
if [ ! -f "$venv/.yuma-$want" ]; then
	say "creating the Python environment .venv (python/requirements.txt)"
	python3 -m venv "$venv"
	"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$root/python/requirements.txt"
	"$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps -e "$root/python"
	rm -f "$venv"/.yuma-*
	touch "$venv/.yuma-$want"
else
	say "Python environment present"
fi

say "done"
