//! What the runtime APIs of [`crate::yuma_api`] answer, read from storage.
//! Plain functions, so that the runtime tests call them directly.

use alloc::vec::Vec;
use codec::Encode;
use yuma_primitives::{NetUid, SubnetRegistry, Uid, ROOT_NETUID};

use crate::{
	yuma_api::{HotkeyStake, NeuronInfo, RegistrationInfo, StakePosition, SubnetInfo, MAX_METAGRAPH_PAGE_BYTES, MAX_PAGE},
	AccountId, Emission, Runtime, Subnets, System,
};

fn now() -> u64 {
	u64::from(System::block_number())
}

/// `part / total` in parts per billion.
fn ppb(part: u64, total: u64) -> u32 {
	u128::from(part)
		.saturating_mul(1_000_000_000)
		.checked_div(u128::from(total))
		.and_then(|x| u32::try_from(x).ok())
		.unwrap_or(0)
}

/// Every live subnet, root first.
pub fn subnets() -> Vec<SubnetInfo<AccountId>> {
	let emission = Emission::next_block_emission();
	Subnets::netuids().into_iter().filter_map(|netuid| subnet_with(netuid, &emission)).collect()
}

/// One subnet.
pub fn subnet(netuid: NetUid) -> Option<SubnetInfo<AccountId>> {
	subnet_with(netuid, &Emission::next_block_emission())
}

/// One subnet, given the next block's `(netuid, share, rao)` for every subnet.
fn subnet_with(netuid: NetUid, emission: &[(NetUid, u64, u64)]) -> Option<SubnetInfo<AccountId>> {
	let hyperparams = pallet_subnets::Hyperparams::<Runtime>::get(netuid)?;
	let network = pallet_subnets::Networks::<Runtime>::get(netuid);
	let total: u64 = emission.iter().fold(0u64, |a, (_, share, _)| a.saturating_add(*share));
	let (share, per_block) =
		emission.iter().find(|(n, _, _)| *n == netuid).map_or((0, 0), |(_, share, part)| (*share, *part));
	let now = now();
	let until = pallet_subnets::blocks_until_epoch(netuid, hyperparams.tempo, now);
	// This block's epoch, if it was due, already ran or waits in the queue;
	// a queued epoch runs in a coming block (the next, budget permitting).
	let next = if Emission::is_queued(netuid) {
		1
	} else if until == 0 {
		u64::from(hyperparams.tempo).saturating_add(1)
	} else {
		until
	};
	Some(SubnetInfo {
		netuid,
		owner: network.as_ref().map(|n| n.owner.clone()),
		lock: network.map_or(0, |n| n.lock),
		n: pallet_subnets::SubnetN::<Runtime>::get(netuid),
		tempo: hyperparams.tempo,
		pending_emission: pallet_emission::PendingEmission::<Runtime>::get(netuid),
		emission_share_ppb: if netuid == ROOT_NETUID { 0 } else { ppb(share, total) },
		emission_per_block: per_block,
		next_epoch_block: now.saturating_add(next),
		last_epoch_block: pallet_emission::LastEpochBlock::<Runtime>::get(netuid),
		dissolving: pallet_subnets::Dissolving::<Runtime>::contains_key(netuid),
		hyperparams,
	})
}

/// Rao a `register_network` would lock now.
pub fn network_lock_cost() -> u64 {
	Subnets::network_lock_cost(now())
}

/// What every neuron of a subnet shares, read once per call rather than
/// once per neuron: the last epoch's outputs, pruning scores and
/// registration blocks (each a vector over all uids).
struct SubnetView {
	metagraph: pallet_emission::Metagraph,
	pruning: Vec<u64>,
	registered: Vec<u64>,
}

impl SubnetView {
	fn read(netuid: NetUid) -> Self {
		SubnetView {
			metagraph: pallet_emission::Metagraphs::<Runtime>::get(netuid).unwrap_or_default(),
			pruning: pallet_subnets::PruningScores::<Runtime>::get(netuid).into_inner(),
			registered: pallet_subnets::RegisteredAt::<Runtime>::get(netuid).into_inner(),
		}
	}
}

/// Uids `start..start + limit` of `netuid` (at most [`MAX_PAGE`]), and no
/// more than [`MAX_METAGRAPH_PAGE_BYTES`] of them encoded: a page stops
/// before the neuron that would cross that (it always holds one, if any);
/// ask again from `start` plus the number returned.
pub fn metagraph(netuid: NetUid, start: Uid, limit: u16) -> Vec<NeuronInfo<AccountId>> {
	let n = pallet_subnets::SubnetN::<Runtime>::get(netuid);
	let limit = u32::from(limit).min(MAX_PAGE);
	let end = u32::from(start).saturating_add(limit).min(u32::from(n));
	let view = SubnetView::read(netuid);
	let mut page = Vec::new();
	let mut bytes = 0usize;
	for uid in (u32::from(start)..end).filter_map(|uid| Uid::try_from(uid).ok()) {
		let Some(info) = neuron_in(&view, netuid, uid) else { continue };
		let size = info.encoded_size();
		if !page.is_empty() && bytes.saturating_add(size) > MAX_METAGRAPH_PAGE_BYTES {
			break;
		}
		bytes = bytes.saturating_add(size);
		page.push(info);
	}
	page
}

/// The uid `hotkey` holds on `netuid`.
pub fn neuron_by_hotkey(netuid: NetUid, hotkey: AccountId) -> Option<NeuronInfo<AccountId>> {
	neuron(netuid, pallet_subnets::Uids::<Runtime>::get(netuid, hotkey)?)
}

/// One uid of `netuid`.
pub fn neuron(netuid: NetUid, uid: Uid) -> Option<NeuronInfo<AccountId>> {
	neuron_in(&SubnetView::read(netuid), netuid, uid)
}

/// One uid of `netuid`, its subnet's vectors already read.
fn neuron_in(view: &SubnetView, netuid: NetUid, uid: Uid) -> Option<NeuronInfo<AccountId>> {
	let hotkey = pallet_subnets::Keys::<Runtime>::get(netuid, uid)?;
	let m = &view.metagraph;
	let k = usize::from(uid);
	let u16_at = |v: &[u16]| v.get(k).copied().unwrap_or(0);
	let bool_at = |v: &[bool]| v.get(k).copied().unwrap_or(false);
	Some(NeuronInfo {
		uid,
		coldkey: pallet_subnets::HotkeyOwner::<Runtime>::get(&hotkey),
		stake: pallet_stake::Pallet::<Runtime>::hotkey_stake(&hotkey),
		rank: u16_at(&m.rank),
		trust: u16_at(&m.trust),
		consensus: u16_at(&m.consensus),
		incentive: u16_at(&m.incentive),
		dividends: u16_at(&m.dividends),
		validator_trust: u16_at(&m.validator_trust),
		emission: m.emission.get(k).copied().unwrap_or(0),
		validator_permit: bool_at(&m.validator_permit),
		active: bool_at(&m.active),
		pruning_score: view.pruning.get(k).copied().unwrap_or(0),
		bonds: pallet_emission::Bonds::<Runtime>::get(netuid, uid).map(|r| r.into_inner()).unwrap_or_default(),
		weights: pallet_weights::Weights::<Runtime>::get(netuid, uid).map(|r| r.into_inner()).unwrap_or_default(),
		last_update: pallet_weights::LastUpdate::<Runtime>::get(netuid, uid).unwrap_or(0),
		registered_at: view.registered.get(k).copied().unwrap_or(0),
		axon: pallet_subnets::Axons::<Runtime>::get(netuid, &hotkey),
		prometheus: pallet_subnets::Prometheus::<Runtime>::get(netuid, &hotkey),
		hotkey,
	})
}

fn page<I: Iterator>(items: I, start: u32, limit: u32) -> impl Iterator<Item = I::Item> {
	items
		.skip(usize::try_from(start).unwrap_or(usize::MAX))
		.take(usize::try_from(limit.min(MAX_PAGE)).unwrap_or(0))
}

/// A position as the APIs report it, valued now.
fn position(hotkey: AccountId, coldkey: AccountId) -> StakePosition<AccountId> {
	let (amount, held) = pallet_stake::Pallet::<Runtime>::position_value(&hotkey, &coldkey);
	StakePosition { hotkey, coldkey, amount, owed: amount.saturating_sub(held) }
}

/// Positions of `coldkey`, paged.
pub fn positions(coldkey: AccountId, start: u32, limit: u32) -> Vec<StakePosition<AccountId>> {
	page(pallet_stake::Positions::<Runtime>::iter_key_prefix(&coldkey), start, limit)
		.filter_map(pallet_stake::PoolHotkey::<Runtime>::get)
		.map(|hotkey| position(hotkey, coldkey.clone()))
		.collect()
}

/// Positions on `hotkey`, paged.
pub fn stakers(hotkey: AccountId, start: u32, limit: u32) -> Vec<StakePosition<AccountId>> {
	pallet_stake::Pallet::<Runtime>::stakers_of(&hotkey, start, limit.min(MAX_PAGE))
		.into_iter()
		.map(|coldkey| position(hotkey.clone(), coldkey))
		.collect()
}

/// Total, owner, stakers and take of `hotkey`.
pub fn hotkey_stake(hotkey: AccountId) -> HotkeyStake<AccountId> {
	use yuma_primitives::StakeRewards;
	HotkeyStake {
		owner: pallet_subnets::HotkeyOwner::<Runtime>::get(&hotkey),
		total: pallet_stake::Pallet::<Runtime>::hotkey_stake(&hotkey),
		stakers: pallet_stake::Pallet::<Runtime>::positions(&hotkey),
		take_ppb: pallet_stake::Pallet::<Runtime>::take_of(&hotkey).deconstruct(),
	}
}

/// Burn, difficulty and the next uid of `netuid`.
pub fn registration_info(netuid: NetUid) -> Option<RegistrationInfo> {
	if netuid == ROOT_NETUID {
		return None;
	}
	let hp = pallet_subnets::Hyperparams::<Runtime>::get(netuid)?;
	let now = now();
	let n = pallet_subnets::SubnetN::<Runtime>::get(netuid);
	let counters = pallet_subnets::RegistrationCount::<Runtime>::get(netuid);
	let (next_uid, replaces) = if n < hp.max_allowed_uids {
		(Some(n), false)
	} else {
		let uid = Subnets::neuron_to_prune(netuid, u64::from(hp.immunity_period), now);
		(uid, uid.is_some())
	};
	Some(RegistrationInfo {
		netuid,
		registration_allowed: hp.registration_allowed,
		burn: hp.burn,
		difficulty: hp.difficulty,
		registrations_this_block: if counters.block == now { counters.this_block } else { 0 },
		max_regs_per_block: hp.max_regs_per_block,
		n,
		max_allowed_uids: hp.max_allowed_uids,
		next_uid,
		replaces,
	})
}

