//! Compiles `guest/` (the engine and the shared scenarios) to wasm32v1-none
//! with the runtime's WASM toolchain, into `$OUT_DIR/guest.wasm`.
//! With `SKIP_WASM_BUILD` set (lints), an empty file stands in.
//! A build script that cannot do its job must stop the build, loudly.
#![allow(clippy::expect_used)]

use std::{env, path::PathBuf, process::Command};

fn main() {
	let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
	let here = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
	let dest = out.join("guest.wasm");
	for watched in ["guest/src", "guest/Cargo.toml", "scenarios.rs", "../src", "../Cargo.toml"] {
		println!("cargo:rerun-if-changed={}", here.join(watched).display());
	}
	println!("cargo:rerun-if-env-changed=SKIP_WASM_BUILD");
	println!("cargo:rerun-if-env-changed=WASM_BUILD_TOOLCHAIN");
	if env::var_os("SKIP_WASM_BUILD").is_some() {
		std::fs::write(&dest, b"").expect("write placeholder");
		return;
	}
	let toolchain = env::var("WASM_BUILD_TOOLCHAIN").unwrap_or_else(|_| "web".into());
	let target_dir = out.join("guest-target");
	let status = Command::new("rustup")
		.args(["run", &toolchain, "cargo", "build", "--quiet", "--locked", "--release", "--target", "wasm32v1-none"])
		.arg("--manifest-path")
		.arg(here.join("guest/Cargo.toml"))
		.arg("--target-dir")
		.arg(&target_dir)
		.env_remove("RUSTFLAGS")
		.env_remove("CARGO_ENCODED_RUSTFLAGS")
		.env_remove("RUSTC")
		.env_remove("RUSTC_WRAPPER")
		.env_remove("RUSTC_WORKSPACE_WRAPPER")
		.env_remove("CARGO_TARGET_DIR")
		.env_remove("CARGO_BUILD_TARGET")
		.status()
		.expect("run rustup (scripts/setup.sh installs the `web` toolchain)");
	assert!(status.success(), "building the WASM guest failed (toolchain `{toolchain}`)");
	std::fs::copy(target_dir.join("wasm32v1-none/release/yuma_wasm_guest.wasm"), &dest)
		.expect("copy the guest WASM");
}
