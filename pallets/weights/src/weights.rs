//! Weights of pallet-weights: the trait, and small stand-ins for tests. The
//! runtime uses what `make bench-runtime` measured on the benchmarks of
//! yuma-benchmarks (`pallets/benchmarks/src/weights.rs`), in `runtime/src/weights/`.

use frame_support::weights::Weight;

/// Weight functions of this pallet.
pub trait WeightInfo {
	/// `set_weights` with `k` entries.
	fn set_weights(k: u32) -> Weight;
	/// `commit_weights`.
	fn commit_weights() -> Weight;
	/// `reveal_weights` with `k` entries.
	fn reveal_weights(k: u32) -> Weight;
	/// What `batch_set_weights` of `b` items adds to its items'
	/// `set_weights`.
	fn batch_set_weights(b: u32) -> Weight;
	/// What `batch_reveal_weights` of `b` items adds to its items'
	/// `reveal_weights`.
	fn batch_reveal_weights(b: u32) -> Weight;
	/// [`crate::CheckWeights`] on a `set_weights` of `k` entries.
	fn check_set_weights(k: u32) -> Weight;
	/// [`crate::CheckWeights`] on a `commit_weights`.
	fn check_commit_weights() -> Weight;
	/// [`crate::CheckWeights`] on a `reveal_weights` of `k` entries.
	fn check_reveal_weights(k: u32) -> Weight;
	/// `set_weights` on root over every subnet of a full registry: what a
	/// root row may add to `set_weights` of its length.
	fn set_root_weights() -> Weight;
	/// `reveal_weights` on root, likewise.
	fn reveal_root_weights() -> Weight;
	/// [`crate::CheckWeights`] on a root `set_weights`, likewise.
	fn check_set_root_weights() -> Weight;
	/// [`crate::CheckWeights`] on a root `reveal_weights`, likewise.
	fn check_reveal_root_weights() -> Weight;
}

/// For tests: small weights that still grow with the size.
impl WeightInfo for () {
	fn set_weights(k: u32) -> Weight {
		Weight::from_parts(1_000u64.saturating_add(k.into()), 0)
	}
	fn commit_weights() -> Weight {
		Weight::from_parts(1_000, 0)
	}
	fn reveal_weights(k: u32) -> Weight {
		Weight::from_parts(1_100u64.saturating_add(k.into()), 0)
	}
	fn batch_set_weights(b: u32) -> Weight {
		Weight::from_parts(100u64.saturating_mul(b.into()), 0)
	}
	fn batch_reveal_weights(b: u32) -> Weight {
		Weight::from_parts(100u64.saturating_mul(b.into()), 0)
	}
	fn check_set_weights(k: u32) -> Weight {
		Weight::from_parts(500u64.saturating_add(k.into()), 0)
	}
	fn check_commit_weights() -> Weight {
		Weight::from_parts(500, 0)
	}
	fn check_reveal_weights(k: u32) -> Weight {
		Weight::from_parts(600u64.saturating_add(k.into()), 0)
	}
	fn set_root_weights() -> Weight {
		Weight::from_parts(2_000, 0)
	}
	fn reveal_root_weights() -> Weight {
		Weight::from_parts(2_100, 0)
	}
	fn check_set_root_weights() -> Weight {
		Weight::from_parts(1_500, 0)
	}
	fn check_reveal_root_weights() -> Weight {
		Weight::from_parts(1_600, 0)
	}
}
