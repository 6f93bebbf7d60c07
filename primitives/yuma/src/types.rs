//! The epoch's inputs, configuration, previous state, outputs and errors.

use alloc::vec::Vec;

use crate::math::Fx;

/// A neuron's position in its subnet, `0..n`.
pub type Uid = u16;

/// A sparse row as stored on chain: `(uid, value)` pairs. Rows are expected
/// sorted by uid without duplicates; anything else is tolerated (sorted, and
/// the first of duplicate uids kept), never a panic.
pub type SparseRow = Vec<(Uid, u16)>;

/// Hyperparameters of one subnet that the epoch uses (YUMA.md, "Inputs").
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "scale", derive(codec::Encode, codec::Decode, scale_info::TypeInfo))]
pub struct EpochConfig {
	/// Share of active stake that must support a weight for it to be
	/// consensus, as `u16` (65535 = 1.0). Default 32767 (≈ 0.5).
	pub kappa: u16,
	/// Share of the old bonds kept each epoch, per million (`alpha = 1 - this / 1e6`).
	/// Default 900,000. At most 1,000,000.
	pub bonds_moving_average: u64,
	/// How much bonds follow clipped rather than raw weights, `u16` (65535 = 1.0). Default 65535.
	pub bonds_penalty: u16,
	/// 3 (default): Yuma 3 bonds. 2: classic bonds.
	pub yuma_version: u8,
	/// Liquid alpha (Yuma 3 only): a per-entry bonds alpha. Default off.
	pub liquid_alpha_enabled: bool,
	/// Lowest liquid alpha, `u16`. Default 45875 (≈ 0.7).
	pub alpha_low: u16,
	/// Highest liquid alpha, `u16`. Default 58982 (≈ 0.9). Not below `alpha_low`.
	pub alpha_high: u16,
	/// Steepness of the liquid-alpha sigmoid, as fixed-point bits (`I32F32`,
	/// 32 fractional bits). Default 10.0.
	pub alpha_sigmoid_steepness_bits: i64,
	/// How many uids may hold a validator permit. Default 64.
	pub max_allowed_validators: u16,
	/// Blocks after its last weights during which a uid counts as active. Default 5000.
	pub activity_cutoff: u64,
	/// Stake (rao) below which a uid's stake counts as 0. Default 0.
	pub validator_min_stake: u64,
	/// Blocks between two epochs of the subnet. Default 360.
	pub tempo: u64,
}

impl Default for EpochConfig {
	fn default() -> Self {
		Self {
			kappa: 32_767,
			bonds_moving_average: 900_000,
			bonds_penalty: 65_535,
			yuma_version: 3,
			liquid_alpha_enabled: false,
			alpha_low: 45_875,
			alpha_high: 58_982,
			alpha_sigmoid_steepness_bits: 10_i64 << 32,
			max_allowed_validators: 64,
			activity_cutoff: 5_000,
			validator_min_stake: 0,
			tempo: 360,
		}
	}
}

/// Everything about the subnet at the epoch's block, as stored on chain.
/// Every vector has one entry per uid (`n` entries).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EpochInput {
	/// The block of this epoch.
	pub block: u64,
	/// Rao to pay out to miners and validators (after the owner's cut).
	pub emission: u64,
	/// Total stake (rao) behind each uid's hotkey.
	pub stake: Vec<u64>,
	/// The block at which each uid last set weights.
	pub last_update: Vec<u64>,
	/// The block of each uid's most recent registration.
	pub registered_at: Vec<u64>,
	/// The weights each uid last set (raw `u16` values).
	pub weights: Vec<SparseRow>,
}

/// What the previous epoch left behind.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PreviousState {
	/// Block of the subnet's previous epoch; 0 means this is its first epoch.
	pub last_epoch_block: u64,
	/// Validator permits from the previous epoch (missing uids: no permit).
	/// Ignored in the first epoch, which uses the permits it computes.
	pub permit: Vec<bool>,
	/// Bonds stored by the previous epoch (missing rows: no bonds).
	pub bonds: Vec<SparseRow>,
}

/// The results of one epoch. Proportions are [`Fx`] in `[0, 1]`; the chain
/// stores them as `u16` through [`to_u16`](crate::to_u16).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EpochOutput {
	/// Whether each uid set weights within `activity_cutoff` blocks.
	pub active: Vec<bool>,
	/// Permits for the next epoch.
	pub validator_permit: Vec<bool>,
	/// Consensus weight `C[j]` of each miner.
	pub consensus: Vec<Fx>,
	/// Rank `R[j]`: stake-weighted clipped weight.
	pub rank: Vec<Fx>,
	/// Trust `T[j] = R[j] / P[j]`.
	pub trust: Vec<Fx>,
	/// Incentive `I = normalize(R)`.
	pub incentive: Vec<Fx>,
	/// Dividends `D`, normalized.
	pub dividends: Vec<Fx>,
	/// Validator trust `VT[i]`: the sum of a validator's clipped weights.
	pub validator_trust: Vec<Fx>,
	/// Rao paid to each uid. Sums with `unallocated` to the epoch's emission.
	pub emission: Vec<u64>,
	/// Rao nobody could be paid (no uid with any stake): the caller recycles it.
	pub unallocated: u64,
	/// New bonds, rows of uids holding a new permit only, `u16` as stored.
	pub bonds: Vec<SparseRow>,
}

impl EpochOutput {
	/// The pruning score of each uid: this epoch's emission.
	pub fn pruning_score(&self) -> &[u64] {
		&self.emission
	}
}

/// Why an epoch could not run. Nothing is computed from inconsistent input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
	/// A per-uid vector does not have one entry per uid.
	LengthMismatch {
		/// Which input.
		field: &'static str,
		/// `n`, the length of `stake`.
		expected: usize,
		/// Its actual length.
		found: usize,
	},
	/// More uids than a `u16` can address (at most 65,536).
	TooManyUids(usize),
	/// `yuma_version` is neither 2 nor 3.
	UnknownYumaVersion(u8),
	/// `bonds_moving_average` is above 1,000,000.
	BondsMovingAverageTooHigh(u64),
	/// `alpha_low` is above `alpha_high`.
	AlphaBoundsInverted {
		/// `alpha_low`.
		low: u16,
		/// `alpha_high`.
		high: u16,
	},
}

impl core::fmt::Display for Error {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		match self {
			Error::LengthMismatch { field, expected, found } =>
				write!(f, "`{field}` has {found} entries, expected {expected} (one per uid)"),
			Error::TooManyUids(n) => write!(f, "{n} uids: at most 65536 fit a u16 uid"),
			Error::UnknownYumaVersion(v) => write!(f, "yuma_version {v}: expected 2 or 3"),
			Error::BondsMovingAverageTooHigh(v) =>
				write!(f, "bonds_moving_average {v}: at most 1000000"),
			Error::AlphaBoundsInverted { low, high } =>
				write!(f, "alpha_low {low} is above alpha_high {high}"),
		}
	}
}
