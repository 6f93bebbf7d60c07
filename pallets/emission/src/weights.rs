//! Weights of the epoch. The runtime uses the figures `yuma-node benchmark
//! pallet --pallet pallet_emission` measured (runtime/src/weights/); `()`
//! here is a conservative stand-in for tests.

use frame_support::weights::{constants::RocksDbWeight, Weight};

/// What an epoch costs.
pub trait WeightInfo {
	/// A subnet's epoch with `n` uids reading `v` rows of weights (its
	/// permitted validators') that hold `w` weights, payouts excluded:
	/// gathering the inputs, the engine, storing the outputs.
	fn subnet_epoch(n: u32, v: u32, w: u32) -> Weight;
	/// `k` incentives paid into existing positions.
	fn payouts(k: u32) -> Weight;
	/// One validator's dividends split over `p` positions on its hotkey.
	fn dividends(p: u32) -> Weight;
	/// `k` payouts that each open a position (a uid's first): added to the
	/// epoch, which measures payouts into existing positions.
	fn open_positions(k: u32) -> Weight;
	/// The whole epoch (payouts included) of the largest subnet at full
	/// density (4096 uids, 262,144 weights, every uid paid): a check of the
	/// sum of the others, not used for accounting.
	fn subnet_epoch_largest() -> Weight;
	/// A block's own work with `s` subnets (root included): this block's
	/// emission promised to each, the scan for due epochs and the queue;
	/// the epochs it runs are weighed by the functions above.
	fn block(s: u32) -> Weight;
}

impl WeightInfo for () {
	fn subnet_epoch(n: u32, v: u32, w: u32) -> Weight {
		Weight::from_parts(5_000_000, 0)
			.saturating_add(Weight::from_parts(10_000_000, 0).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(2_000_000, 0).saturating_mul(w.into()))
			.saturating_add(RocksDbWeight::get().reads(2).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(1).saturating_mul(v.into()))
	}
	fn payouts(k: u32) -> Weight {
		Weight::from_parts(200_000_000, 0)
			.saturating_add(RocksDbWeight::get().reads_writes(6, 4))
			.saturating_mul(k.into())
	}
	fn dividends(p: u32) -> Weight {
		Weight::from_parts(50_000_000, 0)
			.saturating_add(RocksDbWeight::get().reads_writes(5, 4).saturating_mul(p.into()))
	}
	fn open_positions(k: u32) -> Weight {
		RocksDbWeight::get().reads_writes(8, 8).saturating_mul(k.into())
	}
	fn subnet_epoch_largest() -> Weight {
		Self::subnet_epoch(4096, 64, 262_144).saturating_add(Self::payouts(4096))
	}
	fn block(s: u32) -> Weight {
		Weight::from_parts(1_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(3, 2).saturating_mul(s.into()))
	}
}
