//! Weights of pallet-validator-set.
//!
//! Estimates until the pallet is in the runtime: `src/benchmarking.rs`
//! benchmarks both calls over a set of `n` (run on the mock by `make
//! test-rust`); `make bench-runtime` will write the measured weights once
//! the runtime has the pallet. Meanwhile each weight counts the storage the
//! call reads and writes, plus an allowance for scanning `n` validators.

use frame_support::{traits::Get, weights::Weight};

/// Weight functions of this pallet.
pub trait WeightInfo {
	/// `add_validator` on a set of `n`.
	fn add_validator(n: u32) -> Weight;
	/// `remove_validator` on a set of `n`.
	fn remove_validator(n: u32) -> Weight;
}

/// Estimates for a runtime with database weights `T`.
pub struct SubstrateWeight<T>(core::marker::PhantomData<T>);

/// 30 µs, plus 100 ns and an account (32 bytes of proof) per validator.
fn scan(n: u32) -> Weight {
	Weight::from_parts(30_000_000, 2_000)
		.saturating_add(Weight::from_parts(100_000u64.saturating_mul(n.into()), 32u64.saturating_mul(n.into())))
}

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn add_validator(n: u32) -> Weight {
		// The planned set (or the session's), the keys; the set, the flag.
		scan(n).saturating_add(T::DbWeight::get().reads_writes(3, 2))
	}
	fn remove_validator(n: u32) -> Weight {
		scan(n).saturating_add(T::DbWeight::get().reads_writes(2, 2))
	}
}

/// For tests.
impl WeightInfo for () {
	fn add_validator(_: u32) -> Weight {
		Weight::zero()
	}
	fn remove_validator(_: u32) -> Weight {
		Weight::zero()
	}
}
