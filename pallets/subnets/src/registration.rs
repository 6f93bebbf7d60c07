//! Neuron registration (burn and proof of work), uid slots and pruning, and
//! the adjustment of burn and difficulty.

use frame_support::{
	dispatch::{DispatchResultWithPostInfo, Pays, PostDispatchInfo},
	ensure,
	traits::{
		fungible::{Balanced, Inspect},
		tokens::{Fortitude, Precision, Preservation},
		OnUnbalanced,
	},
};
use sp_runtime::{traits::SaturatedConversion, DispatchError};
use yuma_primitives::SubnetHooks;

use crate::{pallet::*, pow, weights::WeightInfo, NetUid, Uid, POW_MAX_AGE, ROOT_NETUID};

/// How a registration is paid for.
pub(crate) enum Payment {
	/// Burn this many rao from the coldkey.
	Burn(Balance),
	/// Proof of work (checked already); the seal is marked used on success.
	Work { block: u64, seal: [u8; 32] },
	/// Root membership: nothing to pay.
	Free,
}

impl<T: Config> Pallet<T> {
	pub(crate) fn do_burned_register(
		netuid: NetUid,
		coldkey: T::AccountId,
		hotkey: T::AccountId,
	) -> DispatchResultWithPostInfo {
		let burn = Self::check_registration(netuid, &coldkey, &hotkey)?.burn;
		let spendable = T::Currency::reducible_balance(&coldkey, Preservation::Preserve, Fortitude::Polite);
		ensure!(spendable >= burn, Error::<T>::InsufficientBalance);
		let n = Self::assign_uid(netuid, coldkey, hotkey, Payment::Burn(burn))?;
		Ok(PostDispatchInfo { actual_weight: Some(T::WeightInfo::burned_register(n)), pays_fee: Pays::Yes })
	}

	pub(crate) fn do_pow_register(
		netuid: NetUid,
		coldkey: T::AccountId,
		hotkey: T::AccountId,
		block: u64,
		nonce: u64,
		work: [u8; 32],
	) -> DispatchResultWithPostInfo {
		let difficulty = Self::check_registration(netuid, &coldkey, &hotkey)?.difficulty;
		let now = Self::now();
		ensure!(block < now && now.saturating_sub(block) <= POW_MAX_AGE, Error::<T>::StaleWork);
		let hash = frame_system::Pallet::<T>::block_hash(block.saturated_into::<frame_system::pallet_prelude::BlockNumberFor<T>>());
		let seal = pow::seal(hash.as_ref(), &hotkey, &coldkey, nonce);
		ensure!(seal == work, Error::<T>::InvalidSeal);
		ensure!(pow::meets_difficulty(&seal, difficulty), Error::<T>::InsufficientWork);
		ensure!(!UsedWork::<T>::contains_key(block, seal), Error::<T>::WorkAlreadyUsed);
		let n = Self::assign_uid(netuid, coldkey, hotkey, Payment::Work { block, seal })?;
		Ok(PostDispatchInfo { actual_weight: Some(T::WeightInfo::register(n)), pays_fee: Pays::Yes })
	}

	/// Everything a registration on `netuid` must pass before any payment:
	/// returns the subnet's hyperparameters.
	fn check_registration(
		netuid: NetUid,
		coldkey: &T::AccountId,
		hotkey: &T::AccountId,
	) -> Result<yuma_primitives::SubnetHyperparams, DispatchError> {
		ensure!(netuid != ROOT_NETUID, Error::<T>::UseRootRegister);
		let hp = Hyperparams::<T>::get(netuid).ok_or(Error::<T>::SubnetNotFound)?;
		ensure!(hp.registration_allowed, Error::<T>::RegistrationDisabled);
		let counters = RegistrationCount::<T>::get(netuid);
		let this_block = if counters.block == Self::now() { counters.this_block } else { 0 };
		ensure!(this_block < hp.max_regs_per_block, Error::<T>::TooManyRegistrationsThisBlock);
		Self::check_hotkey(netuid, coldkey, hotkey)?;
		Ok(hp)
	}

	/// The hotkey must be the coldkey's (or no one's yet) and hold no uid in `netuid`.
	pub(crate) fn check_hotkey(
		netuid: NetUid,
		coldkey: &T::AccountId,
		hotkey: &T::AccountId,
	) -> Result<(), DispatchError> {
		if let Some(owner) = HotkeyOwner::<T>::get(hotkey) {
			ensure!(&owner == coldkey, Error::<T>::NotHotkeyOwner);
		}
		ensure!(!Uids::<T>::contains_key(netuid, hotkey), Error::<T>::AlreadyRegistered);
		Ok(())
	}

	/// The uid a new neuron of `netuid` gets: the next one while
	/// `n < max_allowed_uids`, else the slot [`Self::neuron_to_prune`] picks.
	fn free_slot(netuid: NetUid, now: u64) -> Result<(Uid, bool), DispatchError> {
		let hp = Hyperparams::<T>::get(netuid).ok_or(Error::<T>::SubnetNotFound)?;
		let n = SubnetN::<T>::get(netuid);
		if n < hp.max_allowed_uids {
			return Ok((n, false));
		}
		let uid = Self::neuron_to_prune(netuid, u64::from(hp.immunity_period), now)
			.ok_or(Error::<T>::AllNeuronsImmune)?;
		Ok((uid, true))
	}

	/// The neuron a full subnet replaces: the lowest pruning score among those
	/// registered at least `immunity` blocks ago; ties go to the earlier
	/// registration, then to the lower uid. When every neuron is still
	/// immune, the same rule picks among them all, so a full subnet always
	/// takes a newcomer: filling every slot within one immunity period locks
	/// nobody out. `None` only for a subnet without neurons.
	pub fn neuron_to_prune(netuid: NetUid, immunity: u64, now: u64) -> Option<Uid> {
		let registered = RegisteredAt::<T>::get(netuid);
		let scores = PruningScores::<T>::get(netuid);
		let neurons = || registered.iter().zip(scores.iter()).enumerate();
		let lowest = |(uid, (at, score)): &(usize, (&u64, &u64))| (**score, **at, *uid);
		neurons()
			.filter(|(_, (at, _))| now >= at.saturating_add(immunity))
			.min_by_key(lowest)
			.or_else(|| neurons().min_by_key(lowest))
			.and_then(|(uid, _)| Uid::try_from(uid).ok())
	}

	/// Takes the payment and gives `hotkey` a uid in `netuid` (all checks
	/// passed). Returns the subnet's size, for the weight.
	pub(crate) fn assign_uid(
		netuid: NetUid,
		coldkey: T::AccountId,
		hotkey: T::AccountId,
		payment: Payment,
	) -> Result<u32, DispatchError> {
		let now = Self::now();
		let (uid, replacing) = if netuid == ROOT_NETUID {
			Self::root_slot(&hotkey)?
		} else {
			Self::free_slot(netuid, now)?
		};

		let by_work = matches!(payment, Payment::Work { .. });
		let burned = match payment {
			Payment::Burn(amount) => {
				let fee = T::Currency::withdraw(
					&coldkey,
					amount,
					Precision::Exact,
					Preservation::Preserve,
					Fortitude::Polite,
				)?;
				T::Recycle::on_unbalanced(fee);
				amount
			},
			Payment::Work { block, seal } => {
				UsedWork::<T>::insert(block, seal, ());
				0
			},
			Payment::Free => 0,
		};

		let replaced = if replacing { Self::clear_slot(netuid, uid) } else { None };
		let mut registered = RegisteredAt::<T>::get(netuid);
		let mut scores = PruningScores::<T>::get(netuid);
		if replacing {
			if let Some(at) = registered.get_mut(usize::from(uid)) {
				*at = now;
			}
			if let Some(score) = scores.get_mut(usize::from(uid)) {
				*score = 0;
			}
		} else {
			registered.try_push(now).map_err(|_| Error::<T>::AllNeuronsImmune)?;
			scores.try_push(0).map_err(|_| Error::<T>::AllNeuronsImmune)?;
			SubnetN::<T>::insert(netuid, uid.saturating_add(1));
		}
		let n = u32::try_from(registered.len()).unwrap_or(u32::MAX);
		RegisteredAt::<T>::insert(netuid, registered);
		PruningScores::<T>::insert(netuid, scores);
		Keys::<T>::insert(netuid, uid, hotkey.clone());
		SubnetHotkeys::<T>::try_mutate(netuid, |keys| match keys.get_mut(usize::from(uid)) {
			Some(slot) => {
				*slot = hotkey.clone();
				Ok(())
			},
			None => keys.try_push(hotkey.clone()).map_err(|_| Error::<T>::AllNeuronsImmune),
		})?;
		Uids::<T>::insert(netuid, hotkey.clone(), uid);
		HotkeyOwner::<T>::insert(&hotkey, &coldkey);
		RegistrationCount::<T>::mutate(netuid, |c| {
			if c.block != now {
				c.block = now;
				c.this_block = 0;
			}
			c.this_block = c.this_block.saturating_add(1);
			if by_work {
				c.work_this_interval = c.work_this_interval.saturating_add(1);
			} else {
				c.burned_this_interval = c.burned_this_interval.saturating_add(1);
			}
		});
		Self::deposit_event(Event::NeuronRegistered { netuid, uid, hotkey, coldkey, replaced, burned });
		Ok(n)
	}

	/// Forgets the neuron in `uid` of `netuid` (its hotkey's uid, endpoints and
	/// commitment here; its weights, bonds and outputs through the hooks).
	/// Returns its hotkey.
	fn clear_slot(netuid: NetUid, uid: Uid) -> Option<T::AccountId> {
		let old = Keys::<T>::take(netuid, uid)?;
		Uids::<T>::remove(netuid, &old);
		Axons::<T>::remove(netuid, &old);
		Prometheus::<T>::remove(netuid, &old);
		Commitments::<T>::remove(netuid, &old);
		T::Hooks::on_uid_replaced(netuid, uid);
		Some(old)
	}

	/// Every `adjustment_interval` blocks of a subnet: the burn becomes
	/// `old * (burned + target) / (2 * target)` and the difficulty
	/// `old * (by_work + target) / (2 * target)`, within their bounds, each
	/// following the registrations that paid with it.
	pub(crate) fn adjust_registration_costs(now: u64) {
		let due: alloc::vec::Vec<(NetUid, u64)> =
			NextAdjustment::<T>::iter().filter(|(_, at)| *at <= now).collect();
		for (netuid, _) in due {
			let Some(mut hp) = Hyperparams::<T>::get(netuid) else {
				NextAdjustment::<T>::remove(netuid);
				continue;
			};
			let (burned, by_work) = RegistrationCount::<T>::mutate(netuid, |c| {
				(core::mem::take(&mut c.burned_this_interval), core::mem::take(&mut c.work_this_interval))
			});
			let target = u128::from(hp.target_regs_per_interval.max(1));
			let scale = |old: u64, regs: u16, min: u64, max: u64| -> u64 {
				let new = u128::from(old)
					.saturating_mul(u128::from(regs).saturating_add(target))
					.checked_div(target.saturating_mul(2))
					.unwrap_or(u128::from(old));
				u64::try_from(new).unwrap_or(u64::MAX).clamp(min, max.max(min))
			};
			let burn = (hp.burn, scale(hp.burn, burned, hp.min_burn, hp.max_burn));
			let difficulty =
				(hp.difficulty, scale(hp.difficulty, by_work, hp.min_difficulty, hp.max_difficulty));
			hp.burn = burn.1;
			hp.difficulty = difficulty.1;
			NextAdjustment::<T>::insert(netuid, now.saturating_add(u64::from(hp.adjustment_interval.max(1))));
			Hyperparams::<T>::insert(netuid, hp);
			Self::deposit_event(Event::RegistrationCostAdjusted {
				netuid,
				burned,
				by_work,
				burn,
				difficulty,
			});
		}
	}

	/// Forgets the seals made on the block that just became too old to use;
	/// returns how many.
	pub(crate) fn forget_old_work(now: u64) -> u32 {
		let Some(expired) = now.checked_sub(POW_MAX_AGE.saturating_add(1)) else {
			return 0;
		};
		UsedWork::<T>::clear_prefix(expired, u32::MAX, None).unique
	}
}
