//! The flash-stake defence: what stake an epoch counts.

use alloc::vec::Vec;
use frame_support::{traits::Get, BoundedVec};
use yuma_primitives::{by_uid, EpochStake, NetUid, SubnetHooks, Uid, Weight};

use crate::pallet::*;

impl<T: Config> EpochStake<T::AccountId> for Pallet<T> {
	fn take_epoch_stake(netuid: NetUid, neurons: &[(Uid, T::AccountId)]) -> Vec<u64> {
		let before = EpochStakeSnapshot::<T>::get(netuid);
		let now: Vec<(Uid, u64)> =
			neurons.iter().map(|(uid, hotkey)| (*uid, TotalHotkeyStake::<T>::get(hotkey))).collect();
		let counted =
			now.iter().map(|(uid, stake)| (*stake).min(before.get(usize::from(*uid)).copied().unwrap_or(0))).collect();
		let len = now.iter().map(|(uid, _)| usize::from(*uid).saturating_add(1)).max().unwrap_or(0);
		EpochStakeSnapshot::<T>::insert(netuid, BoundedVec::truncate_from(by_uid(len, now)));
		counted
	}
}

/// A uid that changes hands, or a dissolved subnet, forgets its snapshots.
impl<T: Config> SubnetHooks for Pallet<T> {
	fn on_uid_replaced(netuid: NetUid, uid: Uid) -> Weight {
		EpochStakeSnapshot::<T>::mutate(netuid, |s| {
			if let Some(x) = s.get_mut(usize::from(uid)) {
				*x = 0;
			}
		});
		<T as frame_system::Config>::DbWeight::get().reads_writes(1, 1)
	}

	fn clear_subnet(netuid: NetUid, limit: u32) -> (u32, bool) {
		if limit == 0 {
			return (0, !EpochStakeSnapshot::<T>::contains_key(netuid));
		}
		EpochStakeSnapshot::<T>::remove(netuid);
		(1, true)
	}
}

impl<T: Config> yuma_primitives::StakeInfo<T::AccountId> for Pallet<T> {
	fn total_stake(hotkey: &T::AccountId) -> u64 {
		TotalHotkeyStake::<T>::get(hotkey)
	}
}
