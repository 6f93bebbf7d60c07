//! Network registration, the network lock, pruning and dissolution.

use frame_support::{
	dispatch::{DispatchResult, DispatchResultWithPostInfo, PostDispatchInfo},
	ensure,
	traits::{
		fungible::{Inspect, MutateHold},
		tokens::{Fortitude, Precision, Preservation},
		Get,
	},
};
use yuma_primitives::SubnetHooks;

use crate::{
	pallet::*, weights::WeightInfo, Hyperparameter, NetUid, NetworkInfo, SubnetHyperparams, MAX_UIDS_BOUND,
	ROOT_NETUID,
};

impl<T: Config> Pallet<T> {
	/// The lock a network registration costs at block `now`: twice the last
	/// lock right after a registration, decaying linearly to the minimum over
	/// `NetworkLockDecayPeriod` blocks; the minimum before any registration.
	pub fn network_lock_cost(now: u64) -> Balance {
		let min = T::NetworkMinLock::get();
		let Some(last_block) = LastNetworkRegistration::<T>::get() else { return min };
		let start = u128::from(LastNetworkLock::<T>::get()).saturating_mul(2).max(u128::from(min));
		let period = u128::from(T::NetworkLockDecayPeriod::get().max(1));
		let elapsed = u128::from(now.saturating_sub(last_block)).min(period);
		// start - (start - min) * elapsed / period, never below min.
		let decay = start
			.saturating_sub(u128::from(min))
			.saturating_mul(elapsed)
			.checked_div(period)
			.unwrap_or(0);
		let decayed = start.saturating_sub(decay);
		Balance::try_from(decayed).unwrap_or(Balance::MAX).max(min)
	}

	pub(crate) fn do_register_network(owner: T::AccountId) -> DispatchResultWithPostInfo {
		let now = Self::now();
		if let Some(last) = LastNetworkRegistration::<T>::get() {
			ensure!(
				now >= last.saturating_add(T::NetworkRateLimit::get()),
				Error::<T>::NetworkRateLimited
			);
		}
		let lock = Self::network_lock_cost(now);
		let spendable = T::Currency::reducible_balance(&owner, Preservation::Preserve, Fortitude::Polite);
		ensure!(spendable >= lock, Error::<T>::InsufficientBalance);

		// Make room: prune the weakest non-immune subnet.
		let pruning = SubnetCount::<T>::get() >= T::SubnetLimit::get();
		if pruning {
			let victim = Self::subnet_to_prune(now).ok_or(Error::<T>::SubnetLimitReached)?;
			Self::do_dissolve(victim, true)?;
		}

		let netuid = Self::lowest_free_netuid().ok_or(Error::<T>::SubnetLimitReached)?;
		T::Currency::hold(&HoldReason::NetworkLock.into(), &owner, lock)?;
		Self::insert_network(netuid, owner, lock, SubnetDefaults::<T>::get().unwrap_or_default(), now);
		LastNetworkLock::<T>::put(lock);
		LastNetworkRegistration::<T>::put(now);
		Ok(PostDispatchInfo {
			actual_weight: Some(if pruning {
				T::WeightInfo::register_network_pruning()
			} else {
				T::WeightInfo::register_network()
			}),
			pays_fee: frame_support::dispatch::Pays::Yes,
		})
	}

	/// Writes a new subnet's records and announces it.
	fn insert_network(netuid: NetUid, owner: T::AccountId, lock: Balance, hp: SubnetHyperparams, now: u64) {
		NextAdjustment::<T>::insert(netuid, now.saturating_add(u64::from(hp.adjustment_interval)));
		Hyperparams::<T>::insert(netuid, hp);
		Networks::<T>::insert(netuid, NetworkInfo { owner: owner.clone(), lock, registered_at: now });
		SubnetCount::<T>::mutate(|c| *c = c.saturating_add(1));
		Self::deposit_event(Event::NetworkRegistered { netuid, owner, lock });
	}

	/// [`Pallet::create_subnet`]: the checks, then a subnet with no lock.
	pub(crate) fn do_create_subnet(owner: T::AccountId, changes: &[Hyperparameter]) -> DispatchResult {
		ensure!(SubnetCount::<T>::get() < T::SubnetLimit::get(), Error::<T>::SubnetLimitReached);
		let mut hp = SubnetDefaults::<T>::get().unwrap_or_default();
		for change in changes {
			change.check::<T>(&hp, 0, MAX_UIDS_BOUND)?;
			change.apply(&mut hp);
		}
		let netuid = Self::lowest_free_netuid().ok_or(Error::<T>::SubnetLimitReached)?;
		Self::insert_network(netuid, owner, 0, hp, Self::now());
		Ok(())
	}

	/// The live subnet to prune: not root, past `SubnetImmunityPeriod`, with the
	/// lowest last-epoch emission (ties: the earlier registration, then the lower
	/// netuid).
	pub fn subnet_to_prune(now: u64) -> Option<NetUid> {
		let immunity = T::SubnetImmunityPeriod::get();
		let mut best: Option<(u64, u64, NetUid)> = None;
		for (netuid, info) in Networks::<T>::iter() {
			if now < info.registered_at.saturating_add(immunity) {
				continue;
			}
			let key = (SubnetEmission::<T>::get(netuid), info.registered_at, netuid);
			if best.is_none_or(|b| key < b) {
				best = Some(key);
			}
		}
		best.map(|(_, _, netuid)| netuid)
	}

	/// The lowest netuid above root that no live or dissolving subnet uses.
	fn lowest_free_netuid() -> Option<NetUid> {
		(1..=NetUid::MAX)
			.find(|n| !Hyperparams::<T>::contains_key(n) && !Dissolving::<T>::contains_key(n))
	}

	/// Dissolves `netuid` (not root): returns the lock, removes the subnet's
	/// records now and queues its per-neuron state for removal over the next
	/// blocks (the netuid stays taken until then).
	pub(crate) fn do_dissolve(netuid: NetUid, pruned: bool) -> DispatchResult {
		ensure!(netuid != ROOT_NETUID, Error::<T>::CannotDissolveRoot);
		let info = Networks::<T>::get(netuid).ok_or(Error::<T>::SubnetNotFound)?;
		let released = T::Currency::release(
			&HoldReason::NetworkLock.into(),
			&info.owner,
			info.lock,
			Precision::BestEffort,
		)?;
		Networks::<T>::remove(netuid);
		Hyperparams::<T>::remove(netuid);
		SubnetN::<T>::remove(netuid);
		RegisteredAt::<T>::remove(netuid);
		SubnetHotkeys::<T>::remove(netuid);
		PruningScores::<T>::remove(netuid);
		SubnetEmission::<T>::remove(netuid);
		RegistrationCount::<T>::remove(netuid);
		NextAdjustment::<T>::remove(netuid);
		SubnetCount::<T>::mutate(|c| *c = c.saturating_sub(1));
		Dissolving::<T>::insert(netuid, ());
		let (owner, lock_returned) = (info.owner, released);
		Self::deposit_event(if pruned {
			Event::NetworkPruned { netuid, owner, lock_returned }
		} else {
			Event::NetworkDissolved { netuid, owner, lock_returned }
		});
		Ok(())
	}

	/// Removes up to `ClearPerBlock` storage entries of dissolved subnets
	/// (this pallet's, then the hooks'); a subnet with nothing left is
	/// announced with `NetworkCleared` and its netuid freed. Returns whether
	/// any subnet was waiting (the block then pays for a full clearing).
	pub(crate) fn clear_dissolved() -> bool {
		let mut budget = T::ClearPerBlock::get();
		let queued: alloc::vec::Vec<NetUid> = Dissolving::<T>::iter_keys().collect();
		let waiting = !queued.is_empty();
		for netuid in queued {
			if budget == 0 {
				break;
			}
			let mut done = true;
			// Keys are collected, then removed one by one: `clear_prefix`'s limit
			// only counts keys already committed to the database.
			macro_rules! clear {
				($map:ty) => {
					if done && budget > 0 {
						let keys: alloc::vec::Vec<_> = <$map>::iter_key_prefix(netuid)
							.take(usize::try_from(budget).unwrap_or(usize::MAX))
							.collect();
						let removed = u32::try_from(keys.len()).unwrap_or(u32::MAX);
						for key in keys {
							<$map>::remove(netuid, key);
						}
						done = removed < budget;
						budget = budget.saturating_sub(removed);
					}
				};
			}
			clear!(Keys<T>);
			clear!(Uids<T>);
			clear!(Axons<T>);
			clear!(Prometheus<T>);
			clear!(Commitments<T>);
			clear!(LastHyperparameterChange<T>);
			if done && budget > 0 {
				let (used, hooks_done) = T::Hooks::clear_subnet(netuid, budget);
				budget = budget.saturating_sub(used);
				done = hooks_done;
			} else {
				done = false;
			}
			if done {
				Dissolving::<T>::remove(netuid);
				Self::deposit_event(Event::NetworkCleared { netuid });
			}
		}
		waiting
	}
}
