//! Weights of pallet-validator-set: the trait, and small stand-ins for tests. The
//! runtime uses what `make bench-runtime` measured on the benchmarks of
//! `src/benchmarking.rs`, in `runtime/src/weights/`.

use frame_support::weights::Weight;

/// Weight functions of this pallet.
pub trait WeightInfo {
	/// `add_validator` on a set of `n`.
	fn add_validator(n: u32) -> Weight;
	/// `remove_validator` on a set of `n`.
	fn remove_validator(n: u32) -> Weight;
}

/// For tests: small weights that still grow with the size.
impl WeightInfo for () {
	fn add_validator(_: u32) -> Weight {
		Weight::zero()
	}
	fn remove_validator(_: u32) -> Weight {
		Weight::zero()
	}
}
