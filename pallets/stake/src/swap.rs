//! Swapping a hotkey: everything moves to the new key in one step.

use alloc::vec::Vec;
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
		ensure!(!StakerCount::<T>::contains_key(&new), Error::<T>::NewHotkeyInUse);
		let fee = T::HotkeySwapCost::get();
		let spendable = T::Currency::reducible_balance(&coldkey, Preservation::Preserve, Fortitude::Polite);
		ensure!(spendable >= fee, Error::<T>::InsufficientBalance);

		let paid = T::Currency::withdraw(&coldkey, fee, Precision::Exact, Preservation::Preserve, Fortitude::Polite)?;
		T::Recycle::on_unbalanced(paid);
		let stakers: Vec<(T::AccountId, Balance)> = Stake::<T>::drain_prefix(&old).collect();
		for (staker, amount) in &stakers {
			Stake::<T>::insert(&new, staker, amount);
			Positions::<T>::remove(staker, &old);
			Positions::<T>::insert(staker, &new, ());
		}
		let count = StakerCount::<T>::take(&old);
		if count > 0 {
			StakerCount::<T>::insert(&new, count);
		}
		let total = TotalHotkeyStake::<T>::take(&old);
		if total > 0 {
			TotalHotkeyStake::<T>::insert(&new, total);
		}
		if let Some(take) = Takes::<T>::take(&old) {
			Takes::<T>::insert(&new, take);
		}
		if let Some(at) = LastTakeIncrease::<T>::take(&old) {
			LastTakeIncrease::<T>::insert(&new, at);
		}
		let registry_weight = T::HotkeySwap::swap_hotkey(&old, &new);
		Self::deposit_event(Event::HotkeySwapped { coldkey, old_hotkey: old, new_hotkey: new, fee });
		let n = u32::try_from(stakers.len()).unwrap_or(u32::MAX);
		Ok(PostDispatchInfo {
			actual_weight: Some(T::WeightInfo::swap_hotkey(n).saturating_add(registry_weight)),
			pays_fee: Pays::Yes,
		})
	}
}
