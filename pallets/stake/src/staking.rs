//! Positions and the calls that change them. Every movement of currency in
//! this pallet goes through [`Pallet::hold_stake`], [`Pallet::release_stake`]
//! and [`Pallet::mint_stake`]; every change of a position through
//! [`Pallet::credit_position`] and [`Pallet::debit_position`].

use alloc::vec::Vec;
use frame_support::{
	dispatch::{DispatchResult, DispatchResultWithPostInfo, Pays, PostDispatchInfo},
	ensure,
	traits::{
		fungible::{Inspect, Mutate, MutateHold},
		tokens::{Fortitude, Precision, Preservation},
		Get,
	},
};
use yuma_primitives::SubnetRegistry;

use crate::{pallet::*, weights::WeightInfo};

impl<T: Config> Pallet<T> {
	/// Holds `amount` of the coldkey's free balance as stake.
	pub(crate) fn hold_stake(coldkey: &T::AccountId, amount: Balance) -> DispatchResult {
		T::Currency::hold(&HoldReason::Staked.into(), coldkey, amount)
	}

	/// Releases `amount` of the coldkey's stake to its free balance.
	pub(crate) fn release_stake(coldkey: &T::AccountId, amount: Balance) -> DispatchResult {
		T::Currency::release(&HoldReason::Staked.into(), coldkey, amount, Precision::Exact).map(|_| ())
	}

	/// Mints `amount` new rao into the coldkey's account and holds them as stake.
	///
	/// A coldkey that already holds stake (every paid uid's owner after its
	/// first reward) gets them straight on hold, total issuance raised by
	/// the same amount: the same result as minting then holding, at half the
	/// cost, which matters to an epoch paying thousands of uids.
	pub(crate) fn mint_stake(coldkey: &T::AccountId, amount: Balance) -> DispatchResult {
		use frame_support::traits::fungible::{InspectHold, Unbalanced, UnbalancedHold};
		let reason: T::RuntimeHoldReason = HoldReason::Staked.into();
		let held = T::Currency::balance_on_hold(&reason, coldkey);
		if held > 0 {
			let issuance = T::Currency::total_issuance();
			let new_issuance = issuance.checked_add(amount).ok_or(sp_runtime::ArithmeticError::Overflow)?;
			T::Currency::increase_balance_on_hold(&reason, coldkey, amount, Precision::Exact)?;
			T::Currency::set_total_issuance(new_issuance);
			return Ok(());
		}
		T::Currency::mint_into(coldkey, amount)?;
		Self::hold_stake(coldkey, amount)
	}

	/// The owner of `hotkey`, or `HotkeyNotFound`.
	pub(crate) fn owner_of(hotkey: &T::AccountId) -> Result<T::AccountId, Error<T>> {
		T::Registry::hotkey_owner(hotkey).ok_or(Error::<T>::HotkeyNotFound)
	}

	/// Whether a user may open a position of `coldkey` on `hotkey`: the
	/// limits of `MaxPositionsPerColdkey` and `MaxNominatorsPerHotkey`
	/// (rewards never meet them: they skip this check).
	fn check_new_position(coldkey: &T::AccountId, hotkey: &T::AccountId) -> DispatchResult {
		if Stake::<T>::contains_key(hotkey, coldkey) {
			return Ok(());
		}
		ensure!(
			PositionCount::<T>::get(coldkey) < T::MaxPositionsPerColdkey::get(),
			Error::<T>::TooManyPositions
		);
		let owner = T::Registry::hotkey_owner(hotkey);
		if owner.as_ref() != Some(coldkey) {
			// The owner's own position never counts against the nominators.
			let owner_has_position = owner.is_some_and(|owner| Stake::<T>::contains_key(hotkey, owner));
			let nominators = StakerCount::<T>::get(hotkey).saturating_sub(u32::from(owner_has_position));
			ensure!(nominators < T::MaxNominatorsPerHotkey::get(), Error::<T>::TooManyNominators);
		}
		Ok(())
	}

	/// Adds `amount` to the position (opening it if needed) and to the totals.
	/// Returns the position now. Limits are the callers' to check, first.
	pub(crate) fn credit_position(hotkey: &T::AccountId, coldkey: &T::AccountId, amount: Balance) -> Balance {
		let before = Stake::<T>::get(hotkey, coldkey);
		if before == 0 {
			Positions::<T>::insert(coldkey, hotkey, ());
			PositionCount::<T>::mutate(coldkey, |c| *c = c.saturating_add(1));
			StakerCount::<T>::mutate(hotkey, |c| *c = c.saturating_add(1));
		}
		let after = before.saturating_add(amount);
		Stake::<T>::insert(hotkey, coldkey, after);
		TotalHotkeyStake::<T>::mutate(hotkey, |t| *t = t.saturating_add(amount));
		TotalStake::<T>::mutate(|t| *t = t.saturating_add(amount));
		after
	}

	/// Takes `amount` (at most the position) from the position, closing it at
	/// zero, and from the totals. Returns the position left.
	pub(crate) fn debit_position(hotkey: &T::AccountId, coldkey: &T::AccountId, amount: Balance) -> Balance {
		let before = Stake::<T>::get(hotkey, coldkey);
		let amount = amount.min(before);
		let after = before.saturating_sub(amount);
		if after == 0 {
			Stake::<T>::remove(hotkey, coldkey);
			Positions::<T>::remove(coldkey, hotkey);
			PositionCount::<T>::mutate_exists(coldkey, |c| {
				*c = c.map(|c| c.saturating_sub(1)).filter(|c| *c > 0);
			});
			StakerCount::<T>::mutate_exists(hotkey, |c| {
				*c = c.map(|c| c.saturating_sub(1)).filter(|c| *c > 0);
			});
		} else {
			Stake::<T>::insert(hotkey, coldkey, after);
		}
		TotalHotkeyStake::<T>::mutate_exists(hotkey, |t| {
			*t = t.map(|t| t.saturating_sub(amount)).filter(|t| *t > 0);
		});
		TotalStake::<T>::mutate(|t| *t = t.saturating_sub(amount));
		after
	}

	/// How much of `position` a removal of `amount` takes: all of it when less
	/// than the minimum would remain.
	fn removal(position: Balance, amount: Balance) -> Balance {
		let rest = position.saturating_sub(amount);
		if rest > 0 && rest < T::MinStake::get() {
			position
		} else {
			amount
		}
	}

	pub(crate) fn do_add_stake(coldkey: T::AccountId, hotkey: T::AccountId, amount: Balance) -> DispatchResult {
		ensure!(amount > 0, Error::<T>::AmountZero);
		Self::owner_of(&hotkey)?;
		let spendable = T::Currency::reducible_balance(&coldkey, Preservation::Preserve, Fortitude::Polite);
		ensure!(spendable >= amount, Error::<T>::InsufficientBalance);
		let position = Stake::<T>::get(&hotkey, &coldkey).saturating_add(amount);
		ensure!(position >= T::MinStake::get(), Error::<T>::BelowMinimumStake);
		Self::check_new_position(&coldkey, &hotkey)?;

		Self::hold_stake(&coldkey, amount)?;
		let position = Self::credit_position(&hotkey, &coldkey, amount);
		Self::deposit_event(Event::StakeAdded { coldkey, hotkey, amount, position });
		Ok(())
	}

	pub(crate) fn do_remove_stake(
		coldkey: T::AccountId,
		hotkey: T::AccountId,
		amount: Balance,
	) -> DispatchResult {
		ensure!(amount > 0, Error::<T>::AmountZero);
		let position = Stake::<T>::get(&hotkey, &coldkey);
		ensure!(position > 0, Error::<T>::NoStake);
		ensure!(amount <= position, Error::<T>::NotEnoughStake);
		let amount = Self::removal(position, amount);

		Self::release_stake(&coldkey, amount)?;
		let position = Self::debit_position(&hotkey, &coldkey, amount);
		Self::deposit_event(Event::StakeRemoved { coldkey, hotkey, amount, position });
		Ok(())
	}

	pub(crate) fn do_unstake_all(coldkey: T::AccountId) -> DispatchResultWithPostInfo {
		let limit = usize::try_from(T::MaxPositionsPerColdkey::get()).unwrap_or(usize::MAX);
		let hotkeys: Vec<T::AccountId> = Positions::<T>::iter_key_prefix(&coldkey).take(limit).collect();
		ensure!(!hotkeys.is_empty(), Error::<T>::NoStake);
		let closed = u32::try_from(hotkeys.len()).unwrap_or(u32::MAX);
		for hotkey in hotkeys {
			let amount = Stake::<T>::get(&hotkey, &coldkey);
			Self::release_stake(&coldkey, amount)?;
			Self::debit_position(&hotkey, &coldkey, amount);
			Self::deposit_event(Event::StakeRemoved {
				coldkey: coldkey.clone(),
				hotkey,
				amount,
				position: 0,
			});
		}
		Ok(PostDispatchInfo { actual_weight: Some(T::WeightInfo::unstake_all(closed)), pays_fee: Pays::Yes })
	}

	pub(crate) fn do_move_stake(
		coldkey: T::AccountId,
		from: T::AccountId,
		to: T::AccountId,
		amount: Balance,
	) -> DispatchResult {
		ensure!(amount > 0, Error::<T>::AmountZero);
		ensure!(from != to, Error::<T>::SameHotkey);
		let position = Stake::<T>::get(&from, &coldkey);
		ensure!(position > 0, Error::<T>::NoStake);
		ensure!(amount <= position, Error::<T>::NotEnoughStake);
		Self::owner_of(&to)?;
		let amount = Self::removal(position, amount);
		let joined = Stake::<T>::get(&to, &coldkey).saturating_add(amount);
		ensure!(joined >= T::MinStake::get(), Error::<T>::BelowMinimumStake);
		Self::check_new_position(&coldkey, &to)?;

		Self::debit_position(&from, &coldkey, amount);
		Self::credit_position(&to, &coldkey, amount);
		Self::deposit_event(Event::StakeMoved { coldkey, from, to, amount });
		Ok(())
	}
}
