//! The flash-stake defence: what stake an epoch counts.

use alloc::vec::Vec;
use frame_support::{traits::Get, BoundedVec};
use yuma_primitives::{EpochStake, NetUid, SubnetHooks, Uid, Weight};

use crate::pallet::*;

impl<T: Config> EpochStake<T::AccountId> for Pallet<T> {
	fn take_epoch_stake(netuid: NetUid, neurons: &[(Uid, T::AccountId)]) -> Vec<u64> {
		let before = EpochStakeSnapshot::<T>::get(netuid);
		let len = neurons.iter().map(|(uid, _)| usize::from(*uid).saturating_add(1)).max().unwrap_or(0);
		let mut snapshot = alloc::vec![0u64; len];
		let counted = neurons
			.iter()
			.map(|(uid, hotkey)| {
				let now = TotalHotkeyStake::<T>::get(hotkey);
				if let Some(s) = snapshot.get_mut(usize::from(*uid)) {
					*s = now;
				}
				now.min(before.get(usize::from(*uid)).copied().unwrap_or(0))
			})
			.collect();
		snapshot.truncate(4096);
		EpochStakeSnapshot::<T>::insert(netuid, BoundedVec::truncate_from(snapshot));
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
