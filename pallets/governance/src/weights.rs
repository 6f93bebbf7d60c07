//! Weights of pallet-governance. The runtime uses the figures `yuma-node
//! benchmark pallet --pallet pallet_governance` measured
//! (runtime/src/weights/); `()` is for tests.

use frame_support::weights::Weight;

/// Weight functions of this pallet.
pub trait WeightInfo {
	/// `set_parameter`.
	fn set_parameter() -> Weight;
}

impl WeightInfo for () {
	fn set_parameter() -> Weight {
		Weight::from_parts(1_000, 0)
	}
}
