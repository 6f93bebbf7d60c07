//! Builds the runtime's WASM blob with substrate-wasm-builder (only for the
//! `std` build; the WASM build of this crate itself needs no build script).

#[cfg(feature = "std")]
fn main() {
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

#[cfg(not(feature = "std"))]
fn main() {}
