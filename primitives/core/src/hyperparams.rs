//! A subnet's hyperparameters, as stored on chain.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// The longest `commit_reveal_period` a subnet owner may set (epochs). A
/// validator that commits every epoch holds `period + 1` commits at once:
/// pallet-weights' `MaxPendingCommits` must hold that many (its integrity
/// test checks), or the validator could reveal only some epochs.
pub const MAX_OWNER_COMMIT_REVEAL_PERIOD: u16 = 8;

/// One subnet's hyperparameters. The consensus ones have the defaults of
/// YUMA.md; pallet-subnets documents who may change each one and its bounds.
#[derive(
	Clone,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SubnetHyperparams {
	// --- Yuma Consensus (YUMA.md) ---
	/// Share of active stake that must support a weight (65535 = 1.0).
	pub kappa: u16,
	/// Share of old bonds kept per epoch, per million.
	pub bonds_moving_average: u64,
	/// How much bonds follow clipped weights (65535 = 1.0).
	pub bonds_penalty: u16,
	/// 3: Yuma 3 bonds; 2: classic.
	pub yuma_version: u8,
	/// Per-entry bonds alpha (Yuma 3 only).
	pub liquid_alpha_enabled: bool,
	/// Lowest liquid alpha (65535 = 1.0).
	pub alpha_low: u16,
	/// Highest liquid alpha (65535 = 1.0).
	pub alpha_high: u16,
	/// Steepness of the liquid-alpha sigmoid, in hundredths (1000 = 10.0).
	pub alpha_sigmoid_steepness: i32,
	/// How many uids may hold a validator permit.
	pub max_allowed_validators: u16,
	/// Blocks after its last weights during which a uid counts as active.
	pub activity_cutoff: u32,
	/// Stake (rao) below which a uid's stake counts as zero in consensus (so
	/// it gets no validator permit), and without a permit a uid may not set
	/// weights. Default 1 TAO: a permit on a thin subnet costs at least that
	/// much stake, not the 0.002 TAO of a minimum position. Root may set it.
	pub validator_min_stake: u64,
	// --- epochs and weights ---
	/// Blocks between two epochs.
	pub tempo: u16,
	/// Blocks after registration during which a neuron cannot be replaced.
	pub immunity_period: u16,
	/// Most uids the subnet may hold.
	pub max_allowed_uids: u16,
	/// Fewest weights a validator must set at once.
	pub min_allowed_weights: u16,
	/// Largest single weight after normalization (65535 = 1.0).
	pub max_weight_limit: u16,
	/// Blocks a validator waits between two weight settings.
	pub weights_rate_limit: u32,
	/// Version validators must send with their weights.
	pub weights_version_key: u64,
	/// Whether weights are committed first and revealed later.
	pub commit_reveal_enabled: bool,
	/// Epochs between a commit and its reveal.
	pub commit_reveal_period: u16,
	// --- registration ---
	/// Whether new neurons may register.
	pub registration_allowed: bool,
	/// Most registrations in one block.
	pub max_regs_per_block: u16,
	/// Registrations per adjustment interval that burn and difficulty aim for.
	pub target_regs_per_interval: u16,
	/// Blocks between two adjustments of burn and difficulty.
	pub adjustment_interval: u16,
	/// Rao a burned registration costs now.
	pub burn: u64,
	/// Lowest burn.
	pub min_burn: u64,
	/// Highest burn.
	pub max_burn: u64,
	/// Proof-of-work difficulty now.
	pub difficulty: u64,
	/// Lowest difficulty.
	pub min_difficulty: u64,
	/// Highest difficulty.
	pub max_difficulty: u64,
	// --- serving ---
	/// Blocks between two endpoint announcements of one hotkey.
	pub serving_rate_limit: u32,
}

/// 1 TAO in rao.
const TAO: u64 = 1_000_000_000;

impl Default for SubnetHyperparams {
	fn default() -> Self {
		Self {
			kappa: 32_767,
			bonds_moving_average: 900_000,
			bonds_penalty: 65_535,
			yuma_version: 3,
			liquid_alpha_enabled: false,
			alpha_low: 45_875,
			alpha_high: 58_982,
			alpha_sigmoid_steepness: 1_000,
			max_allowed_validators: 64,
			activity_cutoff: 5_000,
			validator_min_stake: TAO,
			tempo: 360,
			immunity_period: 5_000,
			max_allowed_uids: 256,
			min_allowed_weights: 1,
			max_weight_limit: 65_535,
			weights_rate_limit: 100,
			weights_version_key: 0,
			commit_reveal_enabled: true,
			commit_reveal_period: 1,
			registration_allowed: true,
			max_regs_per_block: 1,
			target_regs_per_interval: 2,
			adjustment_interval: 100,
			burn: TAO,
			min_burn: TAO / 2_000,
			max_burn: 100 * TAO,
			difficulty: 10_000_000,
			min_difficulty: 10_000_000,
			max_difficulty: u64::MAX / 4,
			serving_rate_limit: 50,
		}
	}
}
