//! Running epochs: gathering the engine's inputs, storing its outputs, paying.

use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::Weight,
	traits::{fungible::Mutate, Get},
	BoundedVec,
};
use yuma_consensus::{epoch, rows_read, to_u16, EpochConfig, EpochInput, EpochOutput, Fx, PreviousState};
use yuma_primitives::{
	by_uid, EpochStake, NetUid, PermitInfo, StakeRewards, SubnetHooks, SubnetHyperparams, SubnetRegistry, Uid,
	WeightsSource, ROOT_NETUID,
};

use crate::{pallet::*, WeightInfo};

/// What an epoch pays: its pending emission, the owner's cut, and each
/// paid uid's `(hotkey, incentive, dividends)` in rao.
pub(crate) struct Computed<AccountId> {
	pub pending: Balance,
	pub owner_cut: Balance,
	pub payouts: Vec<(AccountId, Balance, Balance)>,
}

/// Each paid uid's rao, split as its incentive and dividends stand.
fn payouts<AccountId: Clone>(neurons: &[(Uid, AccountId)], out: &EpochOutput) -> Vec<(AccountId, Balance, Balance)> {
	neurons
		.iter()
		.filter_map(|(uid, hotkey)| {
			let k = usize::from(*uid);
			let paid = out.emission.get(k).copied().unwrap_or(0);
			if paid == 0 {
				return None;
			}
			let i = u128::from(out.incentive.get(k).map_or(0, |x| x.to_bits()));
			let d = u128::from(out.dividends.get(k).map_or(0, |x| x.to_bits()));
			let as_miner = u128::from(paid)
				.saturating_mul(i)
				.checked_div(i.saturating_add(d))
				.map_or(0, |x| u64::try_from(x).unwrap_or(paid));
			Some((hotkey.clone(), as_miner, paid.saturating_sub(as_miner)))
		})
		.collect()
}

/// The engine's configuration from a subnet's hyperparameters.
pub fn epoch_config(hp: &SubnetHyperparams) -> EpochConfig {
	EpochConfig {
		kappa: hp.kappa,
		bonds_moving_average: hp.bonds_moving_average,
		bonds_penalty: hp.bonds_penalty,
		yuma_version: hp.yuma_version,
		liquid_alpha_enabled: hp.liquid_alpha_enabled,
		alpha_low: hp.alpha_low,
		alpha_high: hp.alpha_high,
		// Hundredths to 32 fractional bits.
		alpha_sigmoid_steepness_bits: (i64::from(hp.alpha_sigmoid_steepness) << 32)
			.checked_div(100)
			.unwrap_or(0),
		max_allowed_validators: hp.max_allowed_validators,
		activity_cutoff: u64::from(hp.activity_cutoff),
		validator_min_stake: hp.validator_min_stake,
		tempo: u64::from(hp.tempo),
	}
}

fn bounded<V>(v: Vec<V>) -> PerUid<V> {
	let mut v = v;
	v.truncate(crate::MAX_UIDS as usize);
	BoundedVec::truncate_from(v)
}

fn u16s(v: &[Fx]) -> PerUid<u16> {
	bounded(v.iter().map(|x| to_u16(*x)).collect())
}

impl<T: Config> Pallet<T> {
	/// The benchmarked cost of an epoch over `n` uids that read `read` rows
	/// of weights, `rows` (by uid, the unread empty).
	pub(crate) fn epoch_weight(n: usize, read: usize, rows: &[Vec<(Uid, u16)>]) -> Weight {
		let w = rows.iter().fold(0usize, |a, r| a.saturating_add(r.len()));
		let to_u32 = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
		T::WeightInfo::subnet_epoch(to_u32(n), to_u32(read), to_u32(w))
	}

	/// The inputs every epoch shares: uids' hotkeys, epoch stake, weights,
	/// update and registration blocks.
	fn neurons(netuid: NetUid, n: u16) -> (Vec<(Uid, T::AccountId)>, Vec<u64>) {
		let neurons: Vec<(Uid, T::AccountId)> = T::Registry::hotkeys(netuid)
			.into_iter()
			.take(usize::from(n))
			.enumerate()
			.filter_map(|(k, h)| Uid::try_from(k).ok().map(|uid| (uid, h)))
			.collect();
		let stake = T::Stake::take_epoch_stake(netuid, &neurons);
		(neurons, stake)
	}

	/// Runs one subnet's epoch, due at block `due`, at `now`, and pays it;
	/// returns the weight it used.
	pub(crate) fn subnet_epoch(netuid: NetUid, due: u64, now: u64, hp: &SubnetHyperparams) -> Weight {
		let (weight, computed) = Self::compute_epoch(netuid, now, hp);
		let Some(c) = computed else { return weight };
		weight.saturating_add(Self::pay(netuid, due, now, c.pending, c.owner_cut, &c.payouts))
	}

	/// Gathers the inputs, runs the engine and stores its outputs; returns
	/// the benchmarked weight of that and, unless the engine refused the
	/// input (then the pending emission is recycled), what to pay.
	pub(crate) fn compute_epoch(
		netuid: NetUid,
		now: u64,
		hp: &SubnetHyperparams,
	) -> (Weight, Option<Computed<T::AccountId>>) {
		let n = T::Registry::neuron_count(netuid);
		let (neurons, stake) = Self::neurons(netuid, n);
		let pending = PendingEmission::<T>::take(netuid);
		TotalPending::<T>::mutate(|t| *t = t.saturating_sub(pending));
		let owner_cut = T::OwnerCut::get().mul_floor(pending);
		let metagraph = Metagraphs::<T>::get(netuid).unwrap_or_default();
		let previous = PreviousState {
			last_epoch_block: LastEpochBlock::<T>::get(netuid).unwrap_or(0),
			permit: metagraph.validator_permit.into_inner(),
			bonds: Self::bonds(netuid, n),
		};
		let config = epoch_config(hp);
		// Only the rows of uids holding the permit the engine weighs by are
		// read (at most `max_allowed_validators`): any uid may store a row,
		// but the engine removes every other unread.
		let readers: Vec<Uid> = rows_read(&stake, &config, &previous)
			.iter()
			.enumerate()
			.filter(|(_, read)| **read)
			.filter_map(|(k, _)| Uid::try_from(k).ok())
			.collect();
		let input = EpochInput {
			block: now,
			emission: pending.saturating_sub(owner_cut),
			stake,
			last_update: T::Weights::last_update(netuid, n),
			registered_at: T::Registry::registered_at(netuid),
			weights: T::Weights::rows_of(netuid, n, &readers),
		};
		let weight = Self::epoch_weight(usize::from(n), readers.len(), &input.weights);
		let out = match epoch(&input, &config, &previous) {
			Ok(out) => out,
			Err(_) => {
				TotalRecycled::<T>::mutate(|r| *r = r.saturating_add(pending));
				Self::deposit_event(Event::EpochFailed { netuid });
				return (weight, None);
			},
		};
		Self::store(netuid, now, &out, &previous.bonds);
		T::Registry::note_epoch(netuid, &out.emission);
		(weight, Some(Computed { pending, owner_cut, payouts: payouts(&neurons, &out) }))
	}

	/// The stored bonds rows, by uid (only validators have any: iterate those).
	fn bonds(netuid: NetUid, n: u16) -> Vec<Vec<(Uid, u16)>> {
		by_uid(usize::from(n), Bonds::<T>::iter_prefix(netuid).map(|(uid, row)| (uid, row.into_inner())))
	}

	/// Stores the metagraph, and the bonds rows that changed.
	fn store(netuid: NetUid, now: u64, out: &EpochOutput, before: &[Vec<(Uid, u16)>]) {
		Metagraphs::<T>::insert(
			netuid,
			Metagraph {
				consensus: u16s(&out.consensus),
				incentive: u16s(&out.incentive),
				dividends: u16s(&out.dividends),
				trust: u16s(&out.trust),
				validator_trust: u16s(&out.validator_trust),
				rank: u16s(&out.rank),
				emission: bounded(out.emission.clone()),
				validator_permit: bounded(out.validator_permit.clone()),
				active: bounded(out.active.clone()),
			},
		);
		for (k, row) in out.bonds.iter().enumerate() {
			let Ok(uid) = Uid::try_from(k) else { break };
			let old = before.get(k).map_or(&[][..], |r| r.as_slice());
			if row.as_slice() == old {
				continue;
			}
			if row.is_empty() {
				Bonds::<T>::remove(netuid, uid);
			} else {
				Bonds::<T>::insert(netuid, uid, bounded(row.clone()));
			}
		}
		// Rows of uids beyond the engine's output (none expected) go too.
		for k in out.bonds.len()..before.len() {
			if before.get(k).is_some_and(|r| !r.is_empty()) {
				if let Ok(uid) = Uid::try_from(k) {
					Bonds::<T>::remove(netuid, uid);
				}
			}
		}
		LastEpochBlock::<T>::insert(netuid, now);
	}

	/// Mints the owner's cut and credits each `(hotkey, incentive,
	/// dividends)` of `payouts`; what cannot be paid is recycled. Returns its
	/// weight: `payouts(k)` for the k incentives, `dividends(1)` for each
	/// validator, `open_positions(k)` for the k positions opened.
	pub(crate) fn pay(
		netuid: NetUid,
		due: u64,
		now: u64,
		pending: Balance,
		owner_cut: Balance,
		payouts: &[(T::AccountId, Balance, Balance)],
	) -> Weight {
		let mut weight = Weight::zero();
		let (mut incentives, mut opened, mut opened_by_incentive) = (0u32, 0u32, 0u32);
		let (mut to_miners, mut to_validators) = (0u64, 0u64);
		for (hotkey, as_miner, as_validator) in payouts {
			// One read and one write of the hotkey's stake for both.
			let credited = T::Stake::credit_epoch(hotkey, *as_miner, *as_validator);
			if *as_miner > 0 {
				incentives = incentives.saturating_add(1);
				opened_by_incentive = opened_by_incentive.saturating_add(u32::from(credited.opened));
			}
			if *as_validator > 0 {
				// Crediting dividends costs the same whatever the stakers
				// (pallet-stake's share pools): weighed at one position.
				weight.saturating_accrue(T::WeightInfo::dividends(1));
			}
			to_miners = to_miners.saturating_add(credited.incentive);
			to_validators = to_validators.saturating_add(credited.dividends);
			opened = opened.saturating_add(u32::from(credited.opened));
		}
		// An incentive that opened a position is weighed as such, not twice
		// (a validator's first dividends open one too, weighed as opened).
		weight.saturating_accrue(T::WeightInfo::payouts(incentives.saturating_sub(opened_by_incentive)));
		if opened > 0 {
			weight.saturating_accrue(T::WeightInfo::open_positions(opened));
		}
		let credited = to_miners.saturating_add(to_validators);
		let owner_paid = Self::pay_owner(netuid, owner_cut, credited > 0);
		let emitted = owner_paid.saturating_add(credited);
		let recycled = pending.saturating_sub(emitted);
		TotalMinted::<T>::mutate(|m| *m = m.saturating_add(owner_paid));
		TotalCredited::<T>::mutate(|c| *c = c.saturating_add(credited));
		TotalRecycled::<T>::mutate(|r| *r = r.saturating_add(recycled));
		Self::deposit_event(Event::EpochCompleted { netuid, due, block: now, emitted });
		Self::deposit_event(Event::EpochPaid {
			netuid,
			due,
			block: now,
			pending,
			owner_cut: owner_paid,
			to_miners,
			to_validators,
			recycled,
		});
		weight
	}

	/// Mints the owner's cut if the epoch paid anyone (`paid_anyone`);
	/// otherwise, or when the owner cannot receive it, says why it is
	/// recycled. Returns the rao minted.
	fn pay_owner(netuid: NetUid, cut: Balance, paid_anyone: bool) -> Balance {
		if cut == 0 {
			return 0;
		}
		let reason = match T::Registry::owner(netuid) {
			_ if !paid_anyone => OwnerCutRecycledReason::NothingPaid,
			None => OwnerCutRecycledReason::NoOwner,
			Some(owner) => match T::Currency::mint_into(&owner, cut) {
				Ok(minted) => return minted,
				Err(_) => OwnerCutRecycledReason::OwnerCannotReceive,
			},
		};
		Self::deposit_event(Event::OwnerCutRecycled { netuid, amount: cut, reason });
		0
	}

	/// Root: members validate, subnets are the miners; their incentive is
	/// their share of block emission. Root keeps its members' permits but no
	/// bonds (shares need none, and subnets come and go).
	pub(crate) fn root_epoch(due: u64, now: u64, hp: &SubnetHyperparams) -> Weight {
		let members = T::Registry::neuron_count(ROOT_NETUID);
		let subnets: Vec<NetUid> =
			T::Registry::netuids().into_iter().filter(|n| *n != ROOT_NETUID).collect();
		let (_, mut stake) = Self::neurons(ROOT_NETUID, members);
		let m = usize::from(members);
		let column = |netuid: NetUid| {
			subnets.iter().position(|s| *s == netuid).and_then(|k| Uid::try_from(m.saturating_add(k)).ok())
		};
		let mut weights: Vec<Vec<(Uid, u16)>> = T::Weights::weights(ROOT_NETUID, members)
			.into_iter()
			.map(|row| row.into_iter().filter_map(|(netuid, w)| column(netuid).map(|c| (c, w))).collect())
			.collect();
		let mut last_update = T::Weights::last_update(ROOT_NETUID, members);
		let mut registered_at = T::Registry::registered_at(ROOT_NETUID);
		stake.resize(m, 0);
		last_update.resize(m, 0);
		registered_at.resize(m, 0);
		let total = m.saturating_add(subnets.len());
		stake.resize(total, 0);
		last_update.resize(total, 0);
		// Each subnet's column counts from its subnet's registration: a vote
		// cast before it (for a dissolved subnet of the same netuid, which
		// can only have been cast before the block it was dissolved, at least
		// one block earlier) is outdated. The block before the registration
		// is given, so that a vote in the registration's own block counts.
		registered_at.extend(
			subnets.iter().map(|netuid| T::Registry::network_registered_at(*netuid).saturating_sub(1)),
		);
		registered_at.resize(total, 0);
		weights.resize(total, Vec::new());
		// Root reads every member's row (members are few: root seats).
		let weight = Self::epoch_weight(total, m, &weights);
		let input = EpochInput { block: now, emission: 0, stake, last_update, registered_at, weights };
		let previous = PreviousState {
			last_epoch_block: LastEpochBlock::<T>::get(ROOT_NETUID).unwrap_or(0),
			permit: Metagraphs::<T>::get(ROOT_NETUID).unwrap_or_default().validator_permit.into_inner(),
			bonds: Vec::new(),
		};
		let Ok(out) = epoch(&input, &epoch_config(hp), &previous) else {
			Self::deposit_event(Event::EpochFailed { netuid: ROOT_NETUID });
			return weight;
		};
		let _ = SubnetShare::<T>::clear(u32::MAX, None);
		let mut shares = Vec::with_capacity(subnets.len());
		for (k, netuid) in subnets.iter().enumerate() {
			let share = out.incentive.get(m.saturating_add(k)).map_or(0, |x| x.to_bits());
			if share > 0 {
				SubnetShare::<T>::insert(netuid, share);
			}
			shares.push((*netuid, share));
		}
		// Root's metagraph covers its members (the first `m` entries).
		let members_only = |v: &[Fx]| u16s(v.get(..m).unwrap_or(&[]));
		Metagraphs::<T>::insert(
			ROOT_NETUID,
			Metagraph {
				consensus: members_only(&out.consensus),
				incentive: members_only(&out.incentive),
				dividends: members_only(&out.dividends),
				trust: members_only(&out.trust),
				validator_trust: members_only(&out.validator_trust),
				rank: members_only(&out.rank),
				emission: bounded(alloc::vec![0; m]),
				validator_permit: bounded(out.validator_permit.get(..m).unwrap_or(&[]).to_vec()),
				active: bounded(out.active.get(..m).unwrap_or(&[]).to_vec()),
			},
		);
		LastEpochBlock::<T>::insert(ROOT_NETUID, now);
		Self::deposit_event(Event::SharesSet { shares });
		Self::deposit_event(Event::EpochCompleted { netuid: ROOT_NETUID, due, block: now, emitted: 0 });
		weight
	}
}

impl<T: Config> PermitInfo for Pallet<T> {
	fn has_permit(netuid: NetUid, uid: Uid) -> bool {
		Metagraphs::<T>::get(netuid)
			.and_then(|m| m.validator_permit.get(usize::from(uid)).copied())
			.unwrap_or(false)
	}
}

/// A replaced uid loses its bonds and its metagraph entries; a dissolved
/// subnet loses everything, and its pending emission is recycled.
impl<T: Config> SubnetHooks for Pallet<T> {
	fn on_uid_replaced(netuid: NetUid, uid: Uid) -> Weight {
		Bonds::<T>::remove(netuid, uid);
		Metagraphs::<T>::mutate(netuid, |m| {
			if let Some(m) = m {
				let k = usize::from(uid);
				for v in [&mut m.consensus, &mut m.incentive, &mut m.dividends, &mut m.trust, &mut m.validator_trust, &mut m.rank] {
					if let Some(x) = v.get_mut(k) {
						*x = 0;
					}
				}
				if let Some(x) = m.emission.get_mut(k) {
					*x = 0;
				}
				for v in [&mut m.validator_permit, &mut m.active] {
					if let Some(x) = v.get_mut(k) {
						*x = false;
					}
				}
			}
		});
		T::DbWeight::get().reads_writes(1, 2)
	}

	fn clear_subnet(netuid: NetUid, limit: u32) -> (u32, bool) {
		let mut used = 0u32;
		let pending = PendingEmission::<T>::take(netuid);
		if pending > 0 {
			TotalPending::<T>::mutate(|t| *t = t.saturating_sub(pending));
			TotalRecycled::<T>::mutate(|r| *r = r.saturating_add(pending));
		}
		Metagraphs::<T>::remove(netuid);
		LastEpochBlock::<T>::remove(netuid);
		SubnetShare::<T>::remove(netuid);
		// An epoch still queued must not run a later subnet with this netuid.
		EpochQueue::<T>::mutate(|q| q.retain(|(n, _)| *n != netuid));
		used = used.saturating_add(5);
		let uids: Vec<Uid> = Bonds::<T>::iter_key_prefix(netuid)
			.take(usize::try_from(limit.saturating_sub(used)).unwrap_or(0))
			.collect();
		let removed = u32::try_from(uids.len()).unwrap_or(u32::MAX);
		for uid in uids {
			Bonds::<T>::remove(netuid, uid);
		}
		used = used.saturating_add(removed);
		let done = Bonds::<T>::iter_key_prefix(netuid).next().is_none();
		(used.min(limit), done)
	}
}
