//! The chain's global rules that governance may tune, each within bounds:
//! what the chain spec starts with, and what a `parameters` referendum (or
//! root) may change through [`crate::Pallet::set_parameter`].
//!
//! The rules that bound storage, weight, supply or an invariant stay runtime
//! constants (the subnet limit, root's size, positions per coldkey, the
//! largest take, the emission schedule, the epoch budget, the reward stream).

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};
use sp_runtime::Perbill;

/// One TAO in rao.
const TAO: u64 = 1_000_000_000;
/// The existential deposit of the runtime, in rao.
const EXISTENTIAL_DEPOSIT: u64 = 500;

/// The values of every tunable rule.
#[derive(
	Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Serialize, Deserialize,
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChainParameters {
	/// Blocks between two network registrations, chain-wide.
	pub network_rate_limit: u64,
	/// The lowest network lock, in rao.
	pub network_min_lock: u64,
	/// Blocks over which a doubled network lock decays back to the minimum.
	pub network_lock_decay_period: u64,
	/// Blocks after its registration during which a subnet cannot be pruned.
	pub subnet_immunity_period: u64,
	/// Blocks between two commitments of one hotkey on one subnet.
	pub commitment_rate_limit: u64,
	/// The least stake of a position, in rao.
	pub min_stake: u64,
	/// Blocks between two take increases of a hotkey.
	pub take_increase_interval: u64,
	/// Rao a hotkey swap burns.
	pub hotkey_swap_cost: u64,
	/// The subnet owner's cut of each epoch's emission.
	pub owner_cut: Perbill,
}

/// One rule and its new value: the argument of `set_parameter`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
pub enum ChainParameter {
	/// Blocks between two network registrations. 0..=216,000 (15 days).
	NetworkRateLimit(u64),
	/// The lowest network lock (rao). 1 TAO..=100,000 TAO.
	NetworkMinLock(u64),
	/// Blocks of the network lock's decay. 1..=1,000,000.
	NetworkLockDecayPeriod(u64),
	/// Blocks a new subnet cannot be pruned. 0..=1,000,000.
	SubnetImmunityPeriod(u64),
	/// Blocks between two commitments. 1..=100,000.
	CommitmentRateLimit(u64),
	/// The least stake of a position (rao). 500 (the existential deposit)..=1 TAO.
	MinStake(u64),
	/// Blocks between two take increases. 0..=1,000,000.
	TakeIncreaseInterval(u64),
	/// Rao a hotkey swap burns. 0..=1,000 TAO.
	HotkeySwapCost(u64),
	/// The owner's cut. 0..=50%.
	OwnerCut(Perbill),
}

impl ChainParameter {
	/// Whether the value is within its bounds.
	pub fn in_bounds(&self) -> bool {
		use ChainParameter::*;
		match *self {
			NetworkRateLimit(v) => v <= 216_000,
			NetworkMinLock(v) => (TAO..=100_000 * TAO).contains(&v),
			NetworkLockDecayPeriod(v) => (1..=1_000_000).contains(&v),
			SubnetImmunityPeriod(v) | TakeIncreaseInterval(v) => v <= 1_000_000,
			CommitmentRateLimit(v) => (1..=100_000).contains(&v),
			MinStake(v) => (EXISTENTIAL_DEPOSIT..=TAO).contains(&v),
			HotkeySwapCost(v) => v <= 1_000 * TAO,
			OwnerCut(v) => v <= Perbill::from_percent(50),
		}
	}

	/// The same rule holding the value `p` gives it.
	pub fn current(&self, p: &ChainParameters) -> Self {
		use ChainParameter::*;
		match self {
			NetworkRateLimit(_) => NetworkRateLimit(p.network_rate_limit),
			NetworkMinLock(_) => NetworkMinLock(p.network_min_lock),
			NetworkLockDecayPeriod(_) => NetworkLockDecayPeriod(p.network_lock_decay_period),
			SubnetImmunityPeriod(_) => SubnetImmunityPeriod(p.subnet_immunity_period),
			CommitmentRateLimit(_) => CommitmentRateLimit(p.commitment_rate_limit),
			MinStake(_) => MinStake(p.min_stake),
			TakeIncreaseInterval(_) => TakeIncreaseInterval(p.take_increase_interval),
			HotkeySwapCost(_) => HotkeySwapCost(p.hotkey_swap_cost),
			OwnerCut(_) => OwnerCut(p.owner_cut),
		}
	}

	/// Writes the value into `p`.
	pub fn apply(&self, p: &mut ChainParameters) {
		use ChainParameter::*;
		match *self {
			NetworkRateLimit(v) => p.network_rate_limit = v,
			NetworkMinLock(v) => p.network_min_lock = v,
			NetworkLockDecayPeriod(v) => p.network_lock_decay_period = v,
			SubnetImmunityPeriod(v) => p.subnet_immunity_period = v,
			CommitmentRateLimit(v) => p.commitment_rate_limit = v,
			MinStake(v) => p.min_stake = v,
			TakeIncreaseInterval(v) => p.take_increase_interval = v,
			HotkeySwapCost(v) => p.hotkey_swap_cost = v,
			OwnerCut(v) => p.owner_cut = v,
		}
	}
}

impl ChainParameters {
	/// Every rule, as the [`ChainParameter`] that would set it.
	pub fn all(&self) -> [ChainParameter; 9] {
		use ChainParameter::*;
		[
			NetworkRateLimit(0),
			NetworkMinLock(0),
			NetworkLockDecayPeriod(0),
			SubnetImmunityPeriod(0),
			CommitmentRateLimit(0),
			MinStake(0),
			TakeIncreaseInterval(0),
			HotkeySwapCost(0),
			OwnerCut(Perbill::zero()),
		]
		.map(|rule| rule.current(self))
	}

	/// The first rule out of its bounds, if any.
	pub fn out_of_bounds(&self) -> Option<ChainParameter> {
		self.all().into_iter().find(|rule| !rule.in_bounds())
	}

	/// A development chain's rules: the production ones, except that a
	/// network may be registered every 10 blocks (not once a day).
	pub fn development() -> Self {
		Self { network_rate_limit: 10, ..Self::default() }
	}
}

/// The production rules (6-second blocks: 14,400 a day).
impl Default for ChainParameters {
	fn default() -> Self {
		Self {
			network_rate_limit: 7_200,
			network_min_lock: 1_000 * TAO,
			network_lock_decay_period: 14 * 7_200,
			subnet_immunity_period: 7 * 7_200,
			commitment_rate_limit: 100,
			min_stake: 2_000_000,
			take_increase_interval: 216_000,
			hotkey_swap_cost: TAO,
			owner_cut: Perbill::from_percent(18),
		}
	}
}
