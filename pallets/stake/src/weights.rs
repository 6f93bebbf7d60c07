//! Weights of pallet-stake: the trait, and small stand-ins for tests. The
//! runtime uses what `make bench-runtime` measured on the benchmarks of
//! yuma-benchmarks (`pallets/benchmarks/src/stake.rs`), in `runtime/src/weights/`.

use frame_support::weights::Weight;

/// Weight functions of this pallet.
pub trait WeightInfo {
	/// `add_stake`.
	fn add_stake() -> Weight;
	/// `remove_stake`.
	fn remove_stake() -> Weight;
	/// `unstake_all` closing `p` positions.
	fn unstake_all(p: u32) -> Weight;
	/// `move_stake`.
	fn move_stake() -> Weight;
	/// `claim`.
	fn claim() -> Weight;
	/// `decrease_take`.
	fn decrease_take() -> Weight;
	/// `increase_take`.
	fn increase_take() -> Weight;
	/// `swap_hotkey` of a hotkey in every one of `s` live subnets (the pool
	/// record moves, whatever its number of positions).
	fn swap_hotkey(s: u32) -> Weight;
}

/// For tests: small weights that still grow with the size.
impl WeightInfo for () {
	fn add_stake() -> Weight {
		Weight::from_parts(1_000, 0)
	}
	fn remove_stake() -> Weight {
		Weight::from_parts(1_000, 0)
	}
	fn unstake_all(p: u32) -> Weight {
		Weight::from_parts(1_000u64.saturating_add(p.into()), 0)
	}
	fn move_stake() -> Weight {
		Weight::from_parts(1_000, 0)
	}
	fn claim() -> Weight {
		Weight::from_parts(1_000, 0)
	}
	fn decrease_take() -> Weight {
		Weight::from_parts(1_000, 0)
	}
	fn increase_take() -> Weight {
		Weight::from_parts(1_000, 0)
	}
	fn swap_hotkey(s: u32) -> Weight {
		Weight::from_parts(1_000u64.saturating_add(s.into()), 0)
	}
}
