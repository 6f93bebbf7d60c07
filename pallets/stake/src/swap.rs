//! Swapping a hotkey: everything moves to the new key in one step, whatever
//! the number of positions on it.

use frame_support::{
	dispatch::{DispatchResultWithPostInfo, Pays, PostDispatchInfo},
	ensure,
	traits::{
		fungible::{Balanced, Inspect},
		tokens::{Fortitude, Precision, Preservation},
		Get, OnUnbalanced,
	},
};
use yuma_primitives::{HotkeySwap, SubnetRegistry};

use crate::{pallet::*, weights::WeightInfo};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_swap_hotkey(
		coldkey: T::AccountId,
		old: T::AccountId,
		new: T::AccountId,
	) -> DispatchResultWithPostInfo {
		let owner = Self::owner_of(&old)?;
		ensure!(owner == coldkey, Error::<T>::NotHotkeyOwner);
		ensure!(old != new && T::Registry::hotkey_owner(&new).is_none(), Error::<T>::NewHotkeyInUse);
		// A hotkey without owner cannot be staked on; defensively, refuse anyway.
		ensure!(!Pools::<T>::contains_key(&new), Error::<T>::NewHotkeyInUse);
		let fee = T::HotkeySwapCost::get();
		let spendable = T::Currency::reducible_balance(&coldkey, Preservation::Preserve, Fortitude::Polite);
		ensure!(spendable >= fee, Error::<T>::InsufficientBalance);

		let paid = T::Currency::withdraw(&coldkey, fee, Precision::Exact, Preservation::Preserve, Fortitude::Polite)?;
		T::Recycle::on_unbalanced(paid);
		// Positions are keyed by the pool's id: moving the pool record to
		// the new hotkey moves every position on it at once.
		if let Some(mut pool) = Pools::<T>::take(&old) {
			pool.hotkey = new.clone();
			PoolHotkey::<T>::insert(pool.id, &new);
			Pools::<T>::insert(&new, pool);
		}
		if let Some(take) = Takes::<T>::take(&old) {
			Takes::<T>::insert(&new, take);
		}
		if let Some(at) = LastTakeChange::<T>::take(&old) {
			LastTakeChange::<T>::insert(&new, at);
		}
		let looked = T::HotkeySwap::swap_hotkey(&old, &new);
		Self::deposit_event(Event::HotkeySwapped { coldkey, old_hotkey: old, new_hotkey: new, fee });
		Ok(PostDispatchInfo {
			actual_weight: Some(T::WeightInfo::swap_hotkey(looked)),
			pays_fee: Pays::Yes,
		})
	}
}
