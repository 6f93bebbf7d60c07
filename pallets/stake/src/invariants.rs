//! `try_state`: the invariants listed in the crate docs.

use alloc::collections::btree_map::BTreeMap;
use frame_support::traits::fungible::InspectHold;
use yuma_primitives::SubnetRegistry;
use sp_runtime::TryRuntimeError;

use crate::{pallet::*, pool::PoolId};

impl<T: Config> Pallet<T> {
	/// Checks every invariant; the first broken one is the error.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		// Per pool: (shares, held, stakers, sum of worths).
		let mut by_pool: BTreeMap<PoolId, (u128, u64, u32, u128)> = BTreeMap::new();
		let mut by_coldkey: BTreeMap<T::AccountId, (u64, u32)> = BTreeMap::new();
		let now = Self::now();
		let pool_by_id =
			|id: PoolId| PoolHotkey::<T>::get(id).and_then(Pools::<T>::get).filter(|pool| pool.id == id);
		for (id, coldkey, _) in Stake::<T>::iter() {
			let pool = pool_by_id(id).ok_or("a position is in no pool")?;
			frame_support::ensure!(coldkey != pool.owner, "a pool owner's position is kept outside its pool");
		}
		for (id, coldkey, position) in Self::all_positions() {
			frame_support::ensure!(position.shares > 0 || position.held > 0, "an empty position is kept");
			frame_support::ensure!(position.base >= position.held, "a position may be worth less than it holds");
			frame_support::ensure!(Positions::<T>::contains_key(&coldkey, id), "a position is not indexed");
			let pool = pool_by_id(id).ok_or("a position is in no pool")?;
			let p = by_pool.entry(id).or_default();
			*p = (
				p.0.saturating_add(position.shares),
				p.1.saturating_add(position.held),
				p.2.saturating_add(1),
				p.3.saturating_add(u128::from(pool.worth_now(&position, now))),
			);
			let c = by_coldkey.entry(coldkey).or_default();
			*c = (c.0.saturating_add(position.held), c.1.saturating_add(1));
		}
		let (mut held, mut owed) = (0u64, 0u64);
		let mut pools = 0usize;
		for (hotkey, pool) in Pools::<T>::iter() {
			let id = pool.id;
			pools = pools.saturating_add(1);
			frame_support::ensure!(pool.hotkey == hotkey, "a pool is stored under another hotkey");
			frame_support::ensure!(
				T::Registry::hotkey_owner(&hotkey).as_ref() == Some(&pool.owner),
				"a pool's owner is not its hotkey's owner"
			);
			let (shares, pool_held, stakers, worth) =
				by_pool.get(&id).copied().ok_or("a pool without positions is kept")?;
			frame_support::ensure!(pool.shares == shares, "a pool's shares are not its positions'");
			frame_support::ensure!(pool.held == pool_held, "a pool's hold is not its positions'");
			frame_support::ensure!(pool.stakers == stakers, "a pool's staker count is off");
			frame_support::ensure!(pool.held <= pool.value, "a pool is worth less than it holds");
			frame_support::ensure!(
				worth <= u128::from(pool.value_at(now)),
				"a pool's positions are worth more than the pool"
			);
			frame_support::ensure!(pool.stream.released <= pool.stream.amount, "a stream released too much");
			frame_support::ensure!(PoolHotkey::<T>::get(id) == Some(hotkey), "a pool's id does not point to it");
			frame_support::ensure!(id < NextPoolId::<T>::get(), "a pool id was never handed out");
			held = held.saturating_add(pool.held);
			owed = owed.saturating_add(pool.owed());
		}
		frame_support::ensure!(pools == by_pool.len(), "a position's pool is missing");
		frame_support::ensure!(PoolHotkey::<T>::iter().count() == pools, "a pool id points to no pool");
		frame_support::ensure!(TotalStake::<T>::get() == held, "pools' holds do not sum to the total stake");
		frame_support::ensure!(TotalOwed::<T>::get() == owed, "pools' owed rewards do not sum to the total owed");
		frame_support::ensure!(
			PositionCount::<T>::iter().count() == by_coldkey.len() &&
				Positions::<T>::iter().count() == Self::all_positions().count(),
			"a coldkey without positions keeps a count or an index entry"
		);
		for (coldkey, (sum, count)) in &by_coldkey {
			frame_support::ensure!(PositionCount::<T>::get(coldkey) == *count, "a coldkey's position count is off");
			frame_support::ensure!(
				T::Currency::balance_on_hold(&HoldReason::Staked.into(), coldkey) == *sum,
				"a coldkey's held stake differs from what its positions hold"
			);
		}
		Ok(())
	}
}
