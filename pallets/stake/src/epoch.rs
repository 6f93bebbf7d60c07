//! The flash-stake defence: what stake an epoch counts.

use alloc::vec::Vec;
use frame_support::{traits::Get, BoundedVec};
use yuma_primitives::{by_uid, EpochStake, NetUid, SubnetHooks, Uid, Weight};

use crate::{
	pallet::*,
	pool::{Pool, PoolId, Position},
};

impl<T: Config> EpochStake<T::AccountId> for Pallet<T> {
	fn take_epoch_stake(netuid: NetUid, neurons: &[(Uid, T::AccountId)]) -> Vec<u64> {
		if netuid == yuma_primitives::ROOT_NETUID {
			PrevRootEpochAt::<T>::put(RootEpochAt::<T>::get());
			RootEpochAt::<T>::put(Self::now());
		}
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
		Pools::<T>::get(hotkey).map_or(0, |pool| pool.value_at(Self::now()))
	}

	/// What `coldkey`'s position on `hotkey` is worth now, rewards included,
	/// and of that what it holds: `(worth, held)`.
	pub fn position_value(hotkey: &T::AccountId, coldkey: &T::AccountId) -> (u64, u64) {
		let Some((id, pool)) = Self::pool_of(hotkey) else {
			return (0, 0);
		};
		match Self::stored_position(id, &pool, coldkey) {
			Some(position) => (pool.worth_now(&position, Self::now()), position.held),
			None => (0, 0),
		}
	}

	/// The pool of `hotkey` and its id, as stored.
	pub(crate) fn pool_of(hotkey: &T::AccountId) -> Option<(PoolId, Pool<T::AccountId>)> {
		Pools::<T>::get(hotkey).map(|p| (p.id, p))
	}

	/// The position of `coldkey` in pool `id` (in the pool itself for its owner).
	pub(crate) fn stored_position(id: PoolId, pool: &Pool<T::AccountId>, coldkey: &T::AccountId) -> Option<Position> {
		if *coldkey == pool.owner {
			return Some(pool.own).filter(Position::is_open);
		}
		Stake::<T>::get(id, coldkey)
	}

	/// Every position `(pool, coldkey, position)`: the owners' kept in their
	/// pools, then the others'. (For `try_state` and tests: it reads all.)
	pub fn all_positions() -> impl Iterator<Item = (PoolId, T::AccountId, Position)> {
		Pools::<T>::iter()
			.filter(|(_, pool)| pool.own.is_open())
			.map(|(_, pool)| (pool.id, pool.owner, pool.own))
			.chain(Stake::<T>::iter())
	}

	/// The coldkeys staking on `hotkey`, paged (`start`, at most `limit`):
	/// its owner first, if it stakes, then the nominators.
	pub fn stakers_of(hotkey: &T::AccountId, start: u32, limit: u32) -> Vec<T::AccountId> {
		let Some((id, pool)) = Self::pool_of(hotkey) else {
			return Vec::new();
		};
		let own = pool.own.is_open().then_some(pool.owner);
		own.into_iter()
			.chain(Stake::<T>::iter_key_prefix(id))
			.skip(usize::try_from(start).unwrap_or(usize::MAX))
			.take(usize::try_from(limit).unwrap_or(usize::MAX))
			.collect()
	}
}

impl<T: Config> yuma_primitives::StakeInfo<T::AccountId> for Pallet<T> {
	fn total_stake(hotkey: &T::AccountId) -> u64 {
		Self::hotkey_stake(hotkey)
	}

	fn seat_stake(hotkey: &T::AccountId) -> u64 {
		let (last, prev) = (RootEpochAt::<T>::get(), PrevRootEpochAt::<T>::get());
		Pools::<T>::get(hotkey).map_or(0, |pool| pool.seat_value(Self::now(), last, prev))
	}
}
