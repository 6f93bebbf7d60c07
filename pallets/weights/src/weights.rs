//! Weights of pallet-weights.
//!
//! Not benchmarked yet (a later issue adds `frame-benchmarking`): each weight
//! counts the storage reads and writes the call makes, plus a computation
//! allowance, and grows with the length of the row.

use frame_support::{traits::Get, weights::Weight};

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
}

/// Estimates from the storage each call touches, for a runtime with database weights `T`.
pub struct SubstrateWeight<T>(core::marker::PhantomData<T>);

fn base() -> Weight {
	Weight::from_parts(50_000_000, 10_000)
}

/// Sorting, checking and scaling: 200 ns per entry; the row's bytes in the proof.
fn per_entry(k: u32) -> Weight {
	Weight::from_parts(200_000u64.saturating_mul(k.into()), 4u64.saturating_mul(k.into()))
}

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn set_weights(k: u32) -> Weight {
		// Hyperparameters, uid, n, last update, permit, stake; row and update block.
		base().saturating_add(T::DbWeight::get().reads_writes(7, 2)).saturating_add(per_entry(k))
	}
	fn commit_weights() -> Weight {
		base().saturating_add(T::DbWeight::get().reads_writes(3, 1))
	}
	fn reveal_weights(k: u32) -> Weight {
		Self::set_weights(k).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn batch_set_weights(b: u32) -> Weight {
		Weight::from_parts(10_000_000u64.saturating_mul(b.into()), 0)
	}
	fn batch_reveal_weights(b: u32) -> Weight {
		Weight::from_parts(10_000_000u64.saturating_mul(b.into()), 0)
	}
}

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
}
