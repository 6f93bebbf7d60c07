//! Determinism across targets: the same scenarios run natively here and, in
//! the test, inside the WASM build of the engine (executed by `wasmi`).

extern crate alloc;

/// The guest: yuma-consensus and the scenarios, compiled to wasm32v1-none.
pub const GUEST_WASM: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/guest.wasm"));

#[path = "../scenarios.rs"]
#[allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::cast_possible_truncation)]
mod scenarios;

/// The digest of every output of the shared scenarios, computed natively.
pub fn native_digest() -> u64 {
	scenarios::digest()
}
