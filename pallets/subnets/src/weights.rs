//! Weights of pallet-subnets: the trait, and small stand-ins for tests. The
//! runtime uses what `make bench-runtime` measured on the benchmarks of
//! yuma-benchmarks (`pallets/benchmarks/src/subnets.rs`), in `runtime/src/weights/`.

use frame_support::weights::Weight;

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

/// For tests: small weights that still grow with the size.
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
