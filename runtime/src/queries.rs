//! What the runtime APIs of [`crate::yuma_api`] answer, read from storage.
//! Plain functions, so that the runtime tests call them directly.

use alloc::vec::Vec;
use codec::Encode;
use frame_support::storage::unhashed;
use yuma_primitives::{NetUid, SubnetRegistry, Uid, ROOT_NETUID};

use crate::{
	yuma_api::{HotkeyStake, NeuronInfo, Pairs, RegistrationInfo, StakePosition, SubnetInfo, MAX_METAGRAPH_PAGE_BYTES, MAX_PAGE},
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
/// registration blocks (each a vector over all uids), the storage
/// prefixes of the maps a neuron is read from, and a buffer for its values.
struct SubnetView {
	netuid: NetUid,
	now: u64,
	metagraph: pallet_emission::Metagraph,
	pruning: Vec<u64>,
	registered: Vec<u64>,
	prefixes: Prefixes,
	buffer: [u8; VALUE_BYTES],
}

impl SubnetView {
	fn read(netuid: NetUid) -> Self {
		SubnetView {
			netuid,
			now: now(),
			metagraph: pallet_emission::Metagraphs::<Runtime>::get(netuid).unwrap_or_default(),
			pruning: pallet_subnets::PruningScores::<Runtime>::get(netuid).into_inner(),
			registered: pallet_subnets::RegisteredAt::<Runtime>::get(netuid).into_inner(),
			prefixes: Prefixes::new(),
			buffer: [0; VALUE_BYTES],
		}
	}

	/// A value of at most [`VALUE_BYTES`] encoded bytes (an account, a
	/// block number, an endpoint, a stake pool), read with one host call
	/// into the view's buffer; a longer one is read whole. `None` if absent
	/// or undecodable, as FRAME's `get` of an optional value.
	fn value<T: codec::Decode + codec::MaxEncodedLen>(&mut self, key: &Key) -> Option<T> {
		// The host copies the buffer in and out: pass no more than `T` needs.
		let room = T::max_encoded_len().min(VALUE_BYTES);
		let buffer = self.buffer.get_mut(..room)?;
		let len = sp_io::storage::read(key.get(), buffer, 0)?;
		match buffer.get(..usize::try_from(len).unwrap_or(usize::MAX)) {
			Some(mut bytes) => T::decode(&mut bytes).ok(),
			None => unhashed::get(key.get()),
		}
	}
}

/// A weights or bonds row (empty if none is stored), kept as the SCALE bytes
/// it is stored as.
fn stored_row(key: &[u8]) -> Pairs {
	// `Vec::from` takes the bytes the host returned without copying them.
	sp_io::storage::get(key).map(Vec::from).and_then(Pairs::from_encoded).unwrap_or_default()
}

/// Bytes of the largest value [`SubnetView::value`] reads into its buffer.
const VALUE_BYTES: usize = 512;

/// Storage prefixes of the maps a neuron is read from. FRAME hashes a map's
/// prefix on every access (two host calls, and the key allocated); a page
/// of neurons hashes each once and builds the keys on the stack.
struct Prefixes {
	keys: [u8; 32],
	owners: [u8; 32],
	pools: [u8; 32],
	weights: [u8; 32],
	last_update: [u8; 32],
	bonds: [u8; 32],
	axons: [u8; 32],
	prometheus: [u8; 32],
}

impl Prefixes {
	fn new() -> Self {
		use frame_support::storage::StoragePrefixedMap;
		Prefixes {
			keys: pallet_subnets::Keys::<Runtime>::final_prefix(),
			owners: pallet_subnets::HotkeyOwner::<Runtime>::final_prefix(),
			pools: pallet_stake::Pools::<Runtime>::final_prefix(),
			weights: pallet_weights::Weights::<Runtime>::final_prefix(),
			last_update: pallet_weights::LastUpdate::<Runtime>::final_prefix(),
			bonds: pallet_emission::Bonds::<Runtime>::final_prefix(),
			axons: pallet_subnets::Axons::<Runtime>::final_prefix(),
			prometheus: pallet_subnets::Prometheus::<Runtime>::final_prefix(),
		}
	}
}

/// A storage key built on the stack from its parts (at most 96 bytes; the
/// longest built here is 82).
struct Key {
	bytes: [u8; 96],
	len: usize,
}

impl Key {
	fn new(parts: &[&[u8]]) -> Self {
		let mut key = Key { bytes: [0; 96], len: 0 };
		for part in parts {
			let end = key.len.saturating_add(part.len());
			if let Some(into) = key.bytes.get_mut(key.len..end) {
				into.copy_from_slice(part);
				key.len = end;
			}
		}
		key
	}

	fn get(&self) -> &[u8] {
		self.bytes.get(..self.len).unwrap_or_default()
	}

	/// The key of `(netuid, uid)` in a map hashing both with `Identity`.
	fn uid(prefix: &[u8; 32], netuid: NetUid, uid: Uid) -> Self {
		Key::new(&[prefix, &netuid.to_le_bytes(), &uid.to_le_bytes()])
	}

	/// The key of `hotkey` (`hashed` its blake2_128) in a map hashing it
	/// with `Blake2_128Concat`.
	fn hotkey(prefix: &[u8; 32], hashed: &[u8; 16], hotkey: &AccountId) -> Self {
		Key::new(&[prefix, hashed, hotkey.as_ref()])
	}

	/// The key of `(netuid, hotkey)` in a map hashing them with `Identity`
	/// and `Blake2_128Concat`.
	fn subnet_hotkey(prefix: &[u8; 32], netuid: NetUid, hashed: &[u8; 16], hotkey: &AccountId) -> Self {
		Key::new(&[prefix, &netuid.to_le_bytes(), hashed, hotkey.as_ref()])
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
	let mut view = SubnetView::read(netuid);
	let mut page = Vec::new();
	let mut bytes = 0usize;
	for uid in (u32::from(start)..end).filter_map(|uid| Uid::try_from(uid).ok()) {
		let Some(info) = neuron_in(&mut view, uid) else { continue };
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
	neuron_in(&mut SubnetView::read(netuid), uid)
}

/// One uid of the subnet of `view`, which holds its subnet's vectors. Each
/// of the neuron's own entries is one host call, its key built as FRAME
/// derives it (a test compares them), the hotkey hashed once.
fn neuron_in(view: &mut SubnetView, uid: Uid) -> Option<NeuronInfo<AccountId>> {
	let netuid = view.netuid;
	let hotkey: AccountId = view.value(&Key::uid(&view.prefixes.keys, netuid, uid))?;
	let p = &view.prefixes;
	let hashed = sp_io::hashing::blake2_128(hotkey.as_ref());
	let keys = [
		Key::hotkey(&p.owners, &hashed, &hotkey),
		Key::hotkey(&p.pools, &hashed, &hotkey),
		Key::uid(&p.last_update, netuid, uid),
		Key::subnet_hotkey(&p.axons, netuid, &hashed, &hotkey),
		Key::subnet_hotkey(&p.prometheus, netuid, &hashed, &hotkey),
		Key::uid(&p.weights, netuid, uid),
		Key::uid(&p.bonds, netuid, uid),
	];
	let [owner, pool, last_update, axon, prometheus, weights, bonds] = &keys;
	let coldkey = view.value(owner);
	let pool: Option<pallet_stake::Pool<AccountId>> = view.value(pool);
	let last_update = view.value(last_update).unwrap_or(0);
	let axon = view.value(axon);
	let prometheus = view.value(prometheus);
	let (weights, bonds) = (stored_row(weights.get()), stored_row(bonds.get()));
	let m = &view.metagraph;
	let k = usize::from(uid);
	let u16_at = |v: &[u16]| v.get(k).copied().unwrap_or(0);
	let bool_at = |v: &[bool]| v.get(k).copied().unwrap_or(false);
	Some(NeuronInfo {
		uid,
		coldkey,
		// `pallet_stake::Pallet::hotkey_stake`, from the pool read above.
		stake: pool.map_or(0, |pool| pool.value_at(view.now)),
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
		bonds,
		weights,
		last_update,
		registered_at: view.registered.get(k).copied().unwrap_or(0),
		axon,
		prometheus,
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

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::indexing_slicing)]
mod tests {
	use super::*;
	use frame_support::{traits::ConstU32, BoundedVec};

	#[test]
	fn keys_built_for_a_neuron_are_those_frame_derives() {
		let p = Prefixes::new();
		let (netuid, uid, hotkey) = (0x0102, 0x0a0b, AccountId::from([5u8; 32]));
		let hashed = sp_io::hashing::blake2_128(hotkey.as_ref());
		let cases = [
			(Key::uid(&p.keys, netuid, uid), pallet_subnets::Keys::<Runtime>::hashed_key_for(netuid, uid)),
			(Key::hotkey(&p.owners, &hashed, &hotkey), pallet_subnets::HotkeyOwner::<Runtime>::hashed_key_for(&hotkey)),
			(Key::hotkey(&p.pools, &hashed, &hotkey), pallet_stake::Pools::<Runtime>::hashed_key_for(&hotkey)),
			(Key::uid(&p.weights, netuid, uid), pallet_weights::Weights::<Runtime>::hashed_key_for(netuid, uid)),
			(Key::uid(&p.last_update, netuid, uid), pallet_weights::LastUpdate::<Runtime>::hashed_key_for(netuid, uid)),
			(Key::uid(&p.bonds, netuid, uid), pallet_emission::Bonds::<Runtime>::hashed_key_for(netuid, uid)),
			(
				Key::subnet_hotkey(&p.axons, netuid, &hashed, &hotkey),
				pallet_subnets::Axons::<Runtime>::hashed_key_for(netuid, &hotkey),
			),
			(
				Key::subnet_hotkey(&p.prometheus, netuid, &hashed, &hotkey),
				pallet_subnets::Prometheus::<Runtime>::hashed_key_for(netuid, &hotkey),
			),
		];
		for (i, (built, frame)) in cases.iter().enumerate() {
			assert_eq!(built.get(), &frame[..], "map {i}");
		}
	}

	#[test]
	fn values_longer_than_the_buffer_are_read_whole_and_rows_as_stored() {
		sp_io::TestExternalities::default().execute_with(|| {
			let mut view = SubnetView::read(1);
			let key = Key::new(&[b"long value"]);
			let long: Vec<u8> = (0..2000u32).map(|i| i as u8).collect();
			unhashed::put(key.get(), &long);
			assert_eq!(view.value::<BoundedVec<u8, ConstU32<4000>>>(&key).map(|v| v.into_inner()), Some(long));
			unhashed::put(key.get(), &7u64);
			assert_eq!(view.value::<u64>(&key), Some(7));
			assert_eq!(view.value::<u64>(&Key::new(&[b"absent"])), None);
			let row: Vec<(Uid, u16)> = (0..4096).map(|j| (j, 7)).collect();
			unhashed::put(key.get(), &row);
			assert_eq!(stored_row(key.get()), row);
			unhashed::put_raw(key.get(), &[8, 1]);
			assert!(stored_row(key.get()).is_empty(), "bytes that are no row read as none");
			assert!(stored_row(Key::new(&[b"absent"]).get()).is_empty());
		});
	}
}
