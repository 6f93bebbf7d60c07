//! The flash-stake defence: what stake an epoch counts.

use alloc::vec::Vec;
use frame_support::{traits::Get, BoundedVec};
use yuma_primitives::{by_uid, EpochStake, NetUid, SubnetHooks, Uid, Weight};

use crate::pallet::*;

impl<T: Config> EpochStake<T::AccountId> for Pallet<T> {
	fn take_epoch_stake(netuid: NetUid, neurons: &[(Uid, T::AccountId)]) -> Vec<u64> {
		let before = EpochStakeSnapshot::<T>::get(netuid);
		let now: Vec<(Uid, u64)> = neurons.iter().map(|(uid, hotkey)| (*uid, Self::hotkey_stake(hotkey))).collect();
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

impl<T: Config> Pallet<T> {
	/// All stake on `hotkey` now: its pool's value with the stream released
	/// to this block (rewards owed and not minted included).
	pub fn hotkey_stake(hotkey: &T::AccountId) -> u64 {
		HotkeyPool::<T>::get(hotkey)
			.and_then(Pools::<T>::get)
			.map_or(0, |pool| pool.value_at(Self::now()))
	}

	/// What `coldkey`'s position on `hotkey` is worth now, rewards included,
	/// and of that what it holds: `(worth, held)`.
	pub fn position_value(hotkey: &T::AccountId, coldkey: &T::AccountId) -> (u64, u64) {
		let Some(id) = HotkeyPool::<T>::get(hotkey) else { return (0, 0) };
		match (Pools::<T>::get(id), Stake::<T>::get(id, coldkey)) {
			(Some(pool), Some(position)) => (pool.worth_now(&position, Self::now()), position.held),
			_ => (0, 0),
		}
	}
}

impl<T: Config> yuma_primitives::StakeInfo<T::AccountId> for Pallet<T> {
	fn total_stake(hotkey: &T::AccountId) -> u64 {
		Self::hotkey_stake(hotkey)
	}
}
