//! yuma-chain's runtime APIs: everything a subnet owner, validator or miner
//! reads, in the metadata (v15), so polkadot.js calls them with no type
//! definitions of ours: `api.call.subnetInfoApi.subnets()`,
//! `api.call.metagraphApi.metagraph(netuid, 0, 256)`, … Lists that can be
//! long are paged: `(start, limit)`, at most [`MAX_PAGE`] items per call.

use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;
use yuma_primitives::{NetUid, SubnetHyperparams, Uid};

pub use pallet_subnets::{AxonInfo, PrometheusInfo};

/// The most items one paged call returns.
pub const MAX_PAGE: u32 = 1024;

/// The most SCALE-encoded bytes one `metagraph` page holds: 4 MiB, so that
/// its hex in a JSON-RPC response (twice that) fits the node's default
/// 10 MiB response limit with room to spare. A neuron with full rows of
/// weights and bonds (4,096 each) is about 33 kB, so a page of validators
/// may hold fewer uids than asked: ask again from `start` plus the number
/// returned. A page always holds at least one neuron, if any is in range.
pub const MAX_METAGRAPH_PAGE_BYTES: usize = 4 * 1024 * 1024;

/// A subnet, as its owner and its participants see it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct SubnetInfo<AccountId> {
	/// The subnet.
	pub netuid: NetUid,
	/// The coldkey that registered it (none for root).
	pub owner: Option<AccountId>,
	/// Rao locked by the owner for it.
	pub lock: u64,
	/// Registered uids.
	pub n: u16,
	/// Blocks between epochs, less one.
	pub tempo: u16,
	/// Emission promised to it and not paid yet (rao).
	pub pending_emission: u64,
	/// Its share of block emission, in parts per billion.
	pub emission_share_ppb: u32,
	/// What it accrues per block at the current emission (rao).
	pub emission_per_block: u64,
	/// The block of its next epoch.
	pub next_epoch_block: u64,
	/// Block of its last epoch, if any.
	pub last_epoch_block: Option<u64>,
	/// Being dissolved (its state is cleared over the next blocks).
	pub dissolving: bool,
	/// Every hyperparameter.
	pub hyperparams: SubnetHyperparams,
}

/// One uid of a subnet: who holds it, and what its last epoch said.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct NeuronInfo<AccountId> {
	/// The uid.
	pub uid: Uid,
	/// Its hotkey.
	pub hotkey: AccountId,
	/// The hotkey's owner.
	pub coldkey: Option<AccountId>,
	/// Total stake on the hotkey (rao).
	pub stake: u64,
	/// Last epoch's outputs (65535 = 1.0).
	pub rank: u16,
	/// Rank over prerank.
	pub trust: u16,
	/// Stake-weighted consensus of the weights on it.
	pub consensus: u16,
	/// Share of the miners' emission.
	pub incentive: u16,
	/// Share of the validators' emission.
	pub dividends: u16,
	/// How much of its weight consensus kept.
	pub validator_trust: u16,
	/// Rao the last epoch paid it (owner's cut excluded).
	pub emission: u64,
	/// Validator permit.
	pub validator_permit: bool,
	/// Set weights within the activity cutoff.
	pub active: bool,
	/// Its score when a full subnet picks a uid to replace.
	pub pruning_score: u64,
	/// Its bonds row: `(uid, bond)`, 65535 = 1.0.
	pub bonds: Vec<(Uid, u16)>,
	/// Its weights row: `(uid, weight)`, max-upscaled to 65535.
	pub weights: Vec<(Uid, u16)>,
	/// Block of its last weights.
	pub last_update: u64,
	/// Block of its registration.
	pub registered_at: u64,
	/// The axon it serves.
	pub axon: Option<AxonInfo>,
	/// Its Prometheus endpoint.
	pub prometheus: Option<PrometheusInfo>,
}

/// A stake position: `coldkey`'s stake on `hotkey`.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct StakePosition<AccountId> {
	/// The hotkey staked on.
	pub hotkey: AccountId,
	/// The staking coldkey.
	pub coldkey: AccountId,
	/// What the position is worth now, in rao: its stake and the rewards it
	/// has earned.
	pub amount: u64,
	/// Of `amount`, the rewards earned and not minted onto its hold yet
	/// (`stake.claim`, or any stake call on the position, mints them).
	pub owed: u64,
}

/// A hotkey's stake as a whole.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct HotkeyStake<AccountId> {
	/// Its owner.
	pub owner: Option<AccountId>,
	/// Total stake on it (rao).
	pub total: u64,
	/// Positions on it, the owner's included.
	pub stakers: u32,
	/// The owner's take of dividends, in parts per billion.
	pub take_ppb: u32,
}

/// What registering on a subnet costs now, and which uid it would get.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct RegistrationInfo {
	/// The subnet.
	pub netuid: NetUid,
	/// Registration open.
	pub registration_allowed: bool,
	/// Rao a `burned_register` burns now.
	pub burn: u64,
	/// Difficulty a `register` seal must meet now.
	pub difficulty: u64,
	/// Registrations so far in this block, and the most allowed.
	pub registrations_this_block: u16,
	/// Most registrations per block.
	pub max_regs_per_block: u16,
	/// Registered uids, and the most the subnet holds.
	pub n: u16,
	/// Most uids.
	pub max_allowed_uids: u16,
	/// The uid the next registration gets (`None`: full and every uid immune).
	pub next_uid: Option<Uid>,
	/// Whether that uid is taken from a neuron (pruned).
	pub replaces: bool,
}

sp_api::decl_runtime_apis! {
	/// The subnets: owner, size, tempo, emission, next epoch, hyperparameters.
	pub trait SubnetInfoApi<AccountId> where AccountId: codec::Codec {
		/// Every live subnet, root included (at most the subnet limit).
		fn subnets() -> Vec<SubnetInfo<AccountId>>;
		/// One subnet.
		fn subnet(netuid: NetUid) -> Option<SubnetInfo<AccountId>>;
		/// Rao a `register_network` would lock now.
		fn network_lock_cost() -> u64;
	}

	/// A subnet's metagraph, by uid.
	pub trait MetagraphApi<AccountId> where AccountId: codec::Codec {
		/// Uids `start..start + limit` (limit at most `MAX_PAGE`), stopping
		/// early rather than exceed `MAX_METAGRAPH_PAGE_BYTES`.
		fn metagraph(netuid: NetUid, start: Uid, limit: u16) -> Vec<NeuronInfo<AccountId>>;
		/// One uid.
		fn neuron(netuid: NetUid, uid: Uid) -> Option<NeuronInfo<AccountId>>;
		/// The uid `hotkey` holds.
		fn neuron_by_hotkey(netuid: NetUid, hotkey: AccountId) -> Option<NeuronInfo<AccountId>>;
	}

	/// Stake positions, nominators and takes.
	pub trait StakeInfoApi<AccountId> where AccountId: codec::Codec {
		/// Positions of `coldkey`, skipping `start`, at most `limit` (`MAX_PAGE`).
		fn positions(coldkey: AccountId, start: u32, limit: u32) -> Vec<StakePosition<AccountId>>;
		/// Positions on `hotkey` (its owner's and its nominators'), paged likewise.
		fn stakers(hotkey: AccountId, start: u32, limit: u32) -> Vec<StakePosition<AccountId>>;
		/// Total, owner, number of stakers and take of `hotkey`.
		fn hotkey_stake(hotkey: AccountId) -> HotkeyStake<AccountId>;
	}

	/// Registration: current burn and difficulty, and the next uid.
	pub trait RegistrationApi {
		/// `None` for an unknown subnet or root (root membership goes by stake).
		fn registration_info(netuid: NetUid) -> Option<RegistrationInfo>;
	}
}
