//! Weights of pallet-subnets.
//!
//! Not benchmarked yet (a later issue adds `frame-benchmarking`): each weight
//! counts the storage reads and writes the call makes, plus a computation
//! allowance, and grows with the size it works on. Calls return the weight
//! of the size they really met.

use frame_support::{traits::Get, weights::Weight};

/// Weight functions of this pallet.
pub trait WeightInfo {
	/// `register_network` with room left.
	fn register_network() -> Weight;
	/// `register_network` into a full registry: every subnet looked at, the
	/// weakest pruned.
	fn register_network_pruning() -> Weight;
	/// `dissolve_network` (the per-neuron state goes later, in `on_initialize`).
	fn dissolve_network() -> Weight;
	/// `set_hyperparameter`.
	fn set_hyperparameter() -> Weight;
	/// `burned_register` on a subnet of `n` uids.
	fn burned_register(n: u32) -> Weight;
	/// `register` (proof of work) on a subnet of `n` uids.
	fn register(n: u32) -> Weight;
	/// `root_register` with `n` root members.
	fn root_register(n: u32) -> Weight;
	/// `serve_axon`.
	fn serve_axon() -> Weight;
	/// `serve_prometheus`.
	fn serve_prometheus() -> Weight;
	/// `commit` of `b` bytes.
	fn commit(b: u32) -> Weight;
	/// `create_subnet` with `h` proposed hyperparameters.
	fn create_subnet(h: u32) -> Weight;
	/// `set_subnet_default`.
	fn set_subnet_default() -> Weight;
	/// The block hook with `s` live subnets (all due for a cost adjustment)
	/// and `w` expired seals to forget, nothing dissolving.
	fn on_initialize(s: u32, w: u32) -> Weight;
	/// What the hook adds in a block that clears a dissolved subnet.
	fn clear_dissolved() -> Weight;
}

/// Estimates from the storage each call touches, for a runtime with database weights `T`.
pub struct SubstrateWeight<T>(core::marker::PhantomData<T>);

/// Computation allowance per call: 50 µs, and 10 kB of proof.
fn base() -> Weight {
	Weight::from_parts(50_000_000, 10_000)
}

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_network() -> Weight {
		base().saturating_add(T::DbWeight::get().reads_writes(8, 12))
	}
	fn register_network_pruning() -> Weight {
		// Per subnet looked at: its record and emission, and the pruned one's removal.
		let s: u64 = 256;
		base()
			.saturating_add(T::DbWeight::get().reads_writes(8, 24))
			.saturating_add(T::DbWeight::get().reads(2u64.saturating_mul(s)))
			.saturating_add(Weight::from_parts(0, 100u64.saturating_mul(s)))
	}
	fn dissolve_network() -> Weight {
		base().saturating_add(T::DbWeight::get().reads_writes(4, 12))
	}
	fn set_hyperparameter() -> Weight {
		base().saturating_add(T::DbWeight::get().reads_writes(5, 2))
	}
	fn burned_register(n: u32) -> Weight {
		// The registration, pruning-score and hotkey vectors are read whole:
		// 48 bytes per uid.
		base()
			.saturating_add(T::DbWeight::get().reads_writes(13, 13))
			.saturating_add(Weight::from_parts(60_000u64.saturating_mul(n.into()), 48u64.saturating_mul(n.into())))
	}
	fn register(n: u32) -> Weight {
		// As `burned_register`, plus the block hash, the seal and its hash.
		Self::burned_register(n).saturating_add(T::DbWeight::get().reads_writes(2, 1))
	}
	fn root_register(n: u32) -> Weight {
		// When full, every member's hotkey and stake is read.
		base()
			.saturating_add(T::DbWeight::get().reads_writes(10, 10))
			.saturating_add(T::DbWeight::get().reads(2u64.saturating_mul(n.into())))
	}
	fn serve_axon() -> Weight {
		base().saturating_add(T::DbWeight::get().reads_writes(3, 1))
	}
	fn serve_prometheus() -> Weight {
		base().saturating_add(T::DbWeight::get().reads_writes(3, 1))
	}
	fn commit(b: u32) -> Weight {
		base()
			.saturating_add(T::DbWeight::get().reads_writes(3, 1))
			.saturating_add(Weight::from_parts(1_000u64.saturating_mul(b.into()), b.into()))
	}
	fn create_subnet(h: u32) -> Weight {
		// Count, defaults and up to 256 netuids looked at for a free one; per
		// hyperparameter a check and an apply (computation only).
		base()
			.saturating_add(T::DbWeight::get().reads_writes(4u64.saturating_add(256), 4))
			.saturating_add(Weight::from_parts(1_000_000u64.saturating_mul(h.into()), 0))
	}
	fn set_subnet_default() -> Weight {
		Self::set_hyperparameter()
	}
	fn on_initialize(s: u32, w: u32) -> Weight {
		T::DbWeight::get()
			.reads_writes(5u64.saturating_mul(s.into()), 3u64.saturating_mul(s.into()))
			.saturating_add(T::DbWeight::get().writes(u64::from(w).saturating_add(1)))
	}
	fn clear_dissolved() -> Weight {
		T::DbWeight::get().reads_writes(1_100, 1_100)
	}
}

/// For tests: the same estimates with a unit database weight.
impl WeightInfo for () {
	fn register_network() -> Weight {
		Weight::from_parts(1_000, 0)
	}
	fn register_network_pruning() -> Weight {
		Weight::from_parts(2_000, 0)
	}
	fn dissolve_network() -> Weight {
		Weight::from_parts(1_000, 0)
	}
	fn set_hyperparameter() -> Weight {
		Weight::from_parts(1_000, 0)
	}
	fn burned_register(n: u32) -> Weight {
		Weight::from_parts(1_000u64.saturating_add(n.into()), 0)
	}
	fn register(n: u32) -> Weight {
		Weight::from_parts(1_100u64.saturating_add(n.into()), 0)
	}
	fn root_register(n: u32) -> Weight {
		Weight::from_parts(1_000u64.saturating_add(n.into()), 0)
	}
	fn serve_axon() -> Weight {
		Weight::from_parts(1_000, 0)
	}
	fn serve_prometheus() -> Weight {
		Weight::from_parts(1_000, 0)
	}
	fn commit(b: u32) -> Weight {
		Weight::from_parts(1_000u64.saturating_add(b.into()), 0)
	}
	fn create_subnet(h: u32) -> Weight {
		Weight::from_parts(1_000u64.saturating_add(h.into()), 0)
	}
	fn set_subnet_default() -> Weight {
		Weight::from_parts(1_000, 0)
	}
	fn on_initialize(s: u32, w: u32) -> Weight {
		Weight::from_parts(100u64.saturating_add(s.into()).saturating_add(w.into()), 0)
	}
	fn clear_dissolved() -> Weight {
		Weight::from_parts(1_000, 0)
	}
}
