//! Weights of pallet-stake.
//!
//! Not benchmarked yet (a later issue adds `frame-benchmarking`): each weight
//! counts the storage reads and writes the call makes, plus a computation
//! allowance, and grows with the size it works on.

use frame_support::{traits::Get, weights::Weight};

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

/// Estimates from the storage each call touches, for a runtime with database weights `T`.
pub struct SubstrateWeight<T>(core::marker::PhantomData<T>);

/// Computation allowance per call: 50 µs, and 10 kB of proof.
fn base() -> Weight {
	Weight::from_parts(50_000_000, 10_000)
}

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn add_stake() -> Weight {
		// Owner lookup, account, hold, position, index, counts and totals.
		base().saturating_add(T::DbWeight::get().reads_writes(10, 8))
	}
	fn remove_stake() -> Weight {
		base().saturating_add(T::DbWeight::get().reads_writes(8, 8))
	}
	fn unstake_all(p: u32) -> Weight {
		base().saturating_add(T::DbWeight::get().reads_writes(
			2u64.saturating_add(8u64.saturating_mul(p.into())),
			8u64.saturating_mul(p.into()),
		))
	}
	fn move_stake() -> Weight {
		base().saturating_add(T::DbWeight::get().reads_writes(14, 12))
	}
	fn claim() -> Weight {
		Self::remove_stake()
	}
	fn decrease_take() -> Weight {
		base().saturating_add(T::DbWeight::get().reads_writes(3, 2))
	}
	fn increase_take() -> Weight {
		base().saturating_add(T::DbWeight::get().reads_writes(3, 2))
	}
	fn swap_hotkey(s: u32) -> Weight {
		base()
			.saturating_add(T::DbWeight::get().reads_writes(10, 10))
			.saturating_add(T::DbWeight::get().reads_writes(6, 12).saturating_mul(s.into()))
	}
}

/// For tests: unit weights that still grow with the size.
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
