//! The flash-stake defence: what stake an epoch counts.

use alloc::vec::Vec;
use frame_support::traits::Get;
use yuma_primitives::{EpochStake, NetUid, SubnetHooks, Uid, Weight};

use crate::pallet::*;

impl<T: Config> EpochStake<T::AccountId> for Pallet<T> {
	fn take_epoch_stake(netuid: NetUid, neurons: &[(Uid, T::AccountId)]) -> Vec<u64> {
		neurons
			.iter()
			.map(|(uid, hotkey)| {
				let now = TotalHotkeyStake::<T>::get(hotkey);
				let before = EpochStakeSnapshot::<T>::get(netuid, uid).unwrap_or(0);
				EpochStakeSnapshot::<T>::insert(netuid, uid, now);
				now.min(before)
			})
			.collect()
	}
}

/// A uid that changes hands, or a dissolved subnet, forgets its snapshots.
impl<T: Config> SubnetHooks for Pallet<T> {
	fn on_uid_replaced(netuid: NetUid, uid: Uid) -> Weight {
		EpochStakeSnapshot::<T>::remove(netuid, uid);
		<T as frame_system::Config>::DbWeight::get().writes(1)
	}

	fn clear_subnet(netuid: NetUid, limit: u32) -> (u32, bool) {
		let uids: Vec<Uid> = EpochStakeSnapshot::<T>::iter_key_prefix(netuid)
			.take(usize::try_from(limit).unwrap_or(usize::MAX))
			.collect();
		let removed = u32::try_from(uids.len()).unwrap_or(u32::MAX);
		for uid in uids {
			EpochStakeSnapshot::<T>::remove(netuid, uid);
		}
		(removed, removed < limit)
	}
}

impl<T: Config> yuma_primitives::StakeInfo<T::AccountId> for Pallet<T> {
	fn total_stake(hotkey: &T::AccountId) -> u64 {
		TotalHotkeyStake::<T>::get(hotkey)
	}
}
