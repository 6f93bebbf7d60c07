//! Types and traits shared by yuma-chain's pallets.
//!
//! Pallets never read each other's storage. Each one that others depend on
//! implements a small trait from this crate, and the runtime names the
//! implementation in the dependent pallet's `Config`:
//!
//! - [`SubnetRegistry`] (pallet-subnets): which subnets exist, their
//!   hyperparameters, who holds which uid; and the one write other pallets
//!   may make, [`SubnetRegistry::note_epoch`].
//! - [`StakeInfo`], [`EpochStake`] and [`StakeRewards`] (pallet-stake): the
//!   stake behind a hotkey, the stake an epoch may count, and paying rewards
//!   into stake.
//! - [`HotkeySwap`] (pallet-subnets): moving a hotkey's registrations to a new key.
//! - [`WeightsSource`] (pallet-weights) and [`PermitInfo`] (pallet-emission):
//!   the weights and the validator permits an epoch uses.
//! - [`SubnetHooks`] (pallets that keep per-uid or per-subnet state): told
//!   when a uid changes hands and when a dissolved subnet's state must go.
//!
//! And [`upgrade::Untouched`], the check every release's migrations pass:
//! the pallets a release does not migrate come through it byte for byte.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod hyperparams;
mod pro_rata;
pub mod upgrade;

use alloc::vec::Vec;

pub use hyperparams::{SubnetHyperparams, MAX_OWNER_COMMIT_REVEAL_PERIOD};
pub use pro_rata::split_pro_rata;
pub use sp_weights::Weight;

/// A subnet's id. Netuid 0 is the root subnet.
pub type NetUid = u16;

/// A neuron's position in its subnet, `0..n`.
pub type Uid = u16;

/// The root subnet: its members are the hotkeys with the most stake, and
/// their weights split block emission across subnets.
pub const ROOT_NETUID: NetUid = 0;

/// A vector of `n` values by uid from the `(uid, value)` entries that exist
/// (a storage prefix, say); missing uids get the default, uids `>= n` are
/// ignored.
pub fn by_uid<V: Clone + Default>(n: usize, entries: impl IntoIterator<Item = (Uid, V)>) -> Vec<V> {
	let mut values = alloc::vec![V::default(); n];
	for (uid, value) in entries {
		if let Some(slot) = values.get_mut(usize::from(uid)) {
			*slot = value;
		}
	}
	values
}

/// What other pallets may know about subnets and neurons. Blocks are `u64`.
pub trait SubnetRegistry<AccountId> {
	/// Whether `netuid` is a live subnet (not dissolved, not being cleared).
	fn exists(netuid: NetUid) -> bool;
	/// Every live subnet, root included, in increasing netuid.
	fn netuids() -> Vec<NetUid>;
	/// The subnet's hyperparameters.
	fn hyperparams(netuid: NetUid) -> Option<SubnetHyperparams>;
	/// The subnet's owner (coldkey); `None` for root or an unknown netuid.
	fn owner(netuid: NetUid) -> Option<AccountId>;
	/// Number of uids in the subnet.
	fn neuron_count(netuid: NetUid) -> u16;
	/// The uid `hotkey` holds in `netuid`.
	fn uid_of(netuid: NetUid, hotkey: &AccountId) -> Option<Uid>;
	/// The hotkey holding `uid` in `netuid`.
	fn hotkey_of(netuid: NetUid, uid: Uid) -> Option<AccountId>;
	/// Every uid's hotkey, by uid (`0..n`). The default asks `hotkey_of` for
	/// each; pallet-subnets answers from one record.
	fn hotkeys(netuid: NetUid) -> Vec<AccountId> {
		(0..Self::neuron_count(netuid)).filter_map(|uid| Self::hotkey_of(netuid, uid)).collect()
	}
	/// Registration block of every uid of the subnet, by uid.
	fn registered_at(netuid: NetUid) -> Vec<u64>;
	/// The block the subnet `netuid` was registered (0 for root, genesis
	/// subnets and unknown netuids): root's epoch takes it as each subnet's
	/// registration, so votes cast for an earlier subnet of the same netuid
	/// count for nothing.
	fn network_registered_at(netuid: NetUid) -> u64;
	/// The coldkey that owns `hotkey` (the first that used it).
	fn hotkey_owner(hotkey: &AccountId) -> Option<AccountId>;
	/// Records the result of an epoch: each uid's emission (its pruning
	/// score, by uid) and so the subnet's. Unknown subnets are ignored.
	fn note_epoch(netuid: NetUid, emission_by_uid: &[u64]);
}

/// The stake behind hotkeys, as pallet-stake keeps it.
pub trait StakeInfo<AccountId> {
	/// Total stake (rao) on `hotkey`: its owner's and its nominators'.
	fn total_stake(hotkey: &AccountId) -> u64;
	/// The stake a root seat counts: the smaller of the stake now and the
	/// stake before its first change since the last root epoch, so stake
	/// borrowed for a block neither wins a seat nor keeps one.
	fn seat_stake(hotkey: &AccountId) -> u64;
}

/// No staking pallet: every hotkey has zero stake.
impl<AccountId> StakeInfo<AccountId> for () {
	fn total_stake(_: &AccountId) -> u64 {
		0
	}
	fn seat_stake(_: &AccountId) -> u64 {
		0
	}
}

/// The stake an epoch counts (the flash-stake defence).
pub trait EpochStake<AccountId> {
	/// For each `(uid, hotkey)` of `netuid`, the smaller of the hotkey's stake
	/// now and at the subnet's previous epoch (0 for a uid that had no
	/// previous epoch), then remembers the stake now for the next epoch.
	fn take_epoch_stake(netuid: NetUid, neurons: &[(Uid, AccountId)]) -> Vec<u64>;
}

/// No staking pallet: no stake.
impl<AccountId> EpochStake<AccountId> for () {
	fn take_epoch_stake(_: NetUid, neurons: &[(Uid, AccountId)]) -> Vec<u64> {
		alloc::vec![0; neurons.len()]
	}
}

/// Where the rewards credited to stake stand: every rao credited is minted
/// (onto a position's hold), owed (credited, not minted yet: counted as stake
/// already), or forfeited (owed to nobody, never minted).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RewardLedger {
	/// Rao minted onto holds, ever.
	pub minted: u64,
	/// Rao owed now.
	pub owed: u64,
	/// Rao forfeited, ever.
	pub forfeited: u64,
}

/// What [`StakeRewards::credit_epoch`] credited to one hotkey.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Credited {
	/// Rao of incentive credited.
	pub incentive: u64,
	/// Rao of dividends credited.
	pub dividends: u64,
	/// Whether crediting opened the owner's position.
	pub opened: bool,
}

/// Paying epoch rewards into stake. The rao are credited to the hotkey's
/// stake as owed and minted when the receiving position is next touched;
/// each call returns the rao it credited (all of `amount`, or 0 when the
/// hotkey has no owner).
pub trait StakeRewards<AccountId> {
	/// One uid's epoch rewards at once, incentive first: what
	/// `credit_incentive` and then `credit_dividends` would credit, with one
	/// read and one write of the hotkey's stake.
	fn credit_epoch(hotkey: &AccountId, incentive: u64, dividends: u64) -> Credited;
	/// A validator's dividends: its take to the hotkey owner's own stake on
	/// it, the rest to everyone staking on the hotkey, pro rata to stake and
	/// to the time it stays there.
	fn credit_dividends(hotkey: &AccountId, amount: u64) -> u64;
	/// How many positions stake on `hotkey`.
	fn positions(hotkey: &AccountId) -> u32;
	/// A miner's incentive: all to its owner's stake on the hotkey.
	fn credit_incentive(hotkey: &AccountId, amount: u64) -> u64;
	/// The rewards credited so far: minted, owed, forfeited.
	fn ledger() -> RewardLedger;
}

/// Validator permits, as the last epoch of each subnet granted them.
pub trait PermitInfo {
	/// Whether `uid` of `netuid` holds a validator permit.
	fn has_permit(netuid: NetUid, uid: Uid) -> bool;
}

/// No epochs yet: no permits.
impl PermitInfo for () {
	fn has_permit(_: NetUid, _: Uid) -> bool {
		false
	}
}

/// Validators' weights, as pallet-weights stores them.
pub trait WeightsSource {
	/// The weights row of each uid `0..n` of `netuid` (empty: none).
	fn weights(netuid: NetUid, n: u16) -> Vec<Vec<(Uid, u16)>>;
	/// The rows of `uids` alone, placed by uid in `0..n` (the others empty):
	/// one read per listed uid, whatever the other uids store.
	fn rows_of(netuid: NetUid, n: u16, uids: &[Uid]) -> Vec<Vec<(Uid, u16)>>;
	/// The block at which each uid `0..n` last set weights (0: never).
	fn last_update(netuid: NetUid, n: u16) -> Vec<u64>;
}

/// Moving a hotkey's registrations (uids, endpoints, commitments, ownership).
pub trait HotkeySwap<AccountId> {
	/// Gives `new` everything `old` holds in the registry. The caller has
	/// checked that `new` has no owner. Returns the number of subnets it
	/// looked at, the component of the swap's benchmarked weight.
	fn swap_hotkey(old: &AccountId, new: &AccountId) -> u32;
	/// The most subnets [`HotkeySwap::swap_hotkey`] can look at: declared
	/// before dispatch, so the block builder never admits more work than it
	/// counted.
	fn max_subnets() -> u32;
}

/// What runs after each root epoch (the runtime refreshes the senate, the
/// coldkeys of root's members, from it).
pub trait OnRootEpoch {
	/// Called at the end of a root epoch. Returns the weight used.
	fn on_root_epoch() -> Weight;
	/// The most [`OnRootEpoch::on_root_epoch`] can use: counted in the root
	/// epoch's estimate, so the epoch budget holds.
	fn max_weight() -> Weight;
}

/// Nothing to do.
impl OnRootEpoch for () {
	fn on_root_epoch() -> Weight {
		Weight::zero()
	}
	fn max_weight() -> Weight {
		Weight::zero()
	}
}

/// What pallets holding per-uid or per-subnet state must do when the
/// registry changes.
pub trait SubnetHooks {
	/// `uid` of `netuid` now belongs to a new neuron: forget what belonged to
	/// the old one (weights, bonds, consensus outputs). Returns the weight used.
	fn on_uid_replaced(netuid: NetUid, uid: Uid) -> Weight;
	/// `netuid` was dissolved: remove at most `limit` storage entries of its
	/// state. Returns how many were removed and whether none is left; called
	/// again in later blocks until it reports done. (Count removals yourself:
	/// `clear_prefix`'s limit ignores entries not yet in the database.)
	fn clear_subnet(netuid: NetUid, limit: u32) -> (u32, bool);
}

/// No pallet to tell.
impl SubnetHooks for () {
	fn on_uid_replaced(_: NetUid, _: Uid) -> Weight {
		Weight::zero()
	}
	fn clear_subnet(_: NetUid, _: u32) -> (u32, bool) {
		(0, true)
	}
}

/// Two pallets to tell, in order; nest tuples for more.
impl<A: SubnetHooks, B: SubnetHooks> SubnetHooks for (A, B) {
	fn on_uid_replaced(netuid: NetUid, uid: Uid) -> Weight {
		A::on_uid_replaced(netuid, uid).saturating_add(B::on_uid_replaced(netuid, uid))
	}
	fn clear_subnet(netuid: NetUid, limit: u32) -> (u32, bool) {
		let (used_a, done_a) = A::clear_subnet(netuid, limit);
		if !done_a {
			return (used_a, false);
		}
		let (used_b, done_b) = B::clear_subnet(netuid, limit.saturating_sub(used_a));
		(used_a.saturating_add(used_b), done_b)
	}
}

#[cfg(test)]
mod tests {
	use super::by_uid;

	#[test]
	fn by_uid_fills_gaps_with_the_default_and_ignores_uids_beyond_n() {
		assert_eq!(by_uid(4, [(2u16, 7u64), (0, 5), (9, 1)]), vec![5, 0, 7, 0]);
		assert_eq!(by_uid::<u64>(0, [(0u16, 1u64)]), Vec::<u64>::new());
	}
}
