//! The epoch queue: due epochs run in order, within a per-block budget.

use alloc::{collections::VecDeque, vec::Vec};
use frame_support::{pallet_prelude::Weight, traits::Get, BoundedVec};
use yuma_primitives::{NetUid, OnRootEpoch, SubnetHyperparams, SubnetRegistry, ROOT_NETUID};

use crate::{pallet::*, WeightInfo, MAX_QUEUED_EPOCHS};

impl<T: Config> Pallet<T> {
	/// Whether `netuid`, of tempo `tempo`, is due at `now`.
	pub fn is_due(netuid: NetUid, tempo: u16, now: u64) -> bool {
		let period = u64::from(tempo).saturating_add(1);
		now.saturating_add(u64::from(netuid)).saturating_add(1).checked_rem(period) == Some(0)
	}

	/// Queues every live subnet due at `now` (root first, then by netuid),
	/// then runs queued epochs from the front while they fit in the budget;
	/// the first always runs. Returns the number of subnets looked at and
	/// the weight of the epochs run.
	pub(crate) fn run_due_epochs(now: u64) -> (u32, Weight) {
		let netuids = T::Registry::netuids();
		let mut queue: VecDeque<(NetUid, u64)> = EpochQueue::<T>::get().into_inner().into();
		let mut overflow: Vec<(NetUid, u64)> = Vec::new();
		for netuid in &netuids {
			let Some(hp) = T::Registry::hyperparams(*netuid) else { continue };
			// A subnet due again while its epoch still waits is not queued
			// twice: the waiting epoch runs once, on all the pending emission
			// (a second run would find none, and zero every pruning score).
			if Self::is_due(*netuid, hp.tempo, now) && !queue.iter().any(|(n, _)| n == netuid) {
				if queue.len() < MAX_QUEUED_EPOCHS as usize {
					queue.push_back((*netuid, now));
				} else {
					overflow.push((*netuid, now));
				}
			}
		}
		let count = u32::try_from(netuids.len()).unwrap_or(u32::MAX);
		let budget = T::EpochBudget::get();
		let mut used = Weight::zero();
		let mut ran = 0u32;
		// A queue that could not take them (never expected): run, not skip.
		for (netuid, due) in overflow {
			if let Some(hp) = T::Registry::hyperparams(netuid) {
				used.saturating_accrue(Self::run_epoch(netuid, due, now, &hp));
				ran = ran.saturating_add(1);
			}
		}
		while let Some((netuid, due)) = queue.front().copied() {
			// A subnet dissolved while queued: its pending emission was recycled.
			let Some(hp) = T::Registry::hyperparams(netuid) else {
				queue.pop_front();
				continue;
			};
			let estimate = Self::epoch_estimate(netuid, &hp);
			if ran > 0 && used.saturating_add(estimate).any_gt(budget) {
				break;
			}
			queue.pop_front();
			let actual = Self::run_epoch(netuid, due, now, &hp);
			used.saturating_accrue(actual);
			ran = ran.saturating_add(1);
		}
		if queue.is_empty() {
			EpochQueue::<T>::kill();
		} else {
			EpochQueue::<T>::put(BoundedVec::truncate_from(Vec::from(queue)));
		}
		(count, used)
	}

	fn run_epoch(netuid: NetUid, due: u64, now: u64, hp: &SubnetHyperparams) -> Weight {
		if netuid == ROOT_NETUID {
			// The hook runs after every root epoch, also one that failed.
			Self::root_epoch(due, now, hp).saturating_add(T::OnRootEpoch::on_root_epoch())
		} else {
			Self::subnet_epoch(netuid, due, now, hp)
		}
	}

	/// An upper bound of an epoch's weight, from its size alone: every
	/// permitted validator weighting every uid, every uid paid and opening a
	/// position, every validator paid dividends.
	pub fn epoch_estimate(netuid: NetUid, hp: &SubnetHyperparams) -> Weight {
		let n = u32::from(T::Registry::neuron_count(netuid));
		if netuid == ROOT_NETUID {
			let subnets = u32::try_from(T::Registry::netuids().len()).unwrap_or(u32::MAX);
			return T::WeightInfo::subnet_epoch(n.saturating_add(subnets), n, n.saturating_mul(subnets))
				.saturating_add(T::OnRootEpoch::max_weight());
		}
		// The epoch reads the rows of permitted validators alone.
		let validators = u32::from(hp.max_allowed_validators).min(n);
		T::WeightInfo::subnet_epoch(n, validators, n.saturating_mul(validators))
			.saturating_add(T::WeightInfo::open_positions(n))
			.saturating_add(T::WeightInfo::dividends(1).saturating_mul(u64::from(validators)))
	}

	/// Whether an epoch of `netuid` waits in the queue.
	pub fn is_queued(netuid: NetUid) -> bool {
		EpochQueue::<T>::get().iter().any(|(n, _)| *n == netuid)
	}
}
