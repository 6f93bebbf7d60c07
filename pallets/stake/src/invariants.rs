//! `try_state`: the invariants listed in the crate docs.

use alloc::collections::btree_map::BTreeMap;
use frame_support::traits::fungible::InspectHold;
use sp_runtime::TryRuntimeError;

use crate::pallet::*;

impl<T: Config> Pallet<T> {
	/// Checks every invariant; the first broken one is the error.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut by_hotkey: BTreeMap<T::AccountId, (u64, u32)> = BTreeMap::new();
		let mut by_coldkey: BTreeMap<T::AccountId, (u64, u32)> = BTreeMap::new();
		let mut all = 0u64;
		for (hotkey, coldkey, amount) in Stake::<T>::iter() {
			frame_support::ensure!(amount > 0, "a position holds zero");
			frame_support::ensure!(Positions::<T>::contains_key(&coldkey, &hotkey), "a position is not indexed");
			let h = by_hotkey.entry(hotkey).or_default();
			*h = (h.0.saturating_add(amount), h.1.saturating_add(1));
			let c = by_coldkey.entry(coldkey).or_default();
			*c = (c.0.saturating_add(amount), c.1.saturating_add(1));
			all = all.saturating_add(amount);
		}
		frame_support::ensure!(TotalStake::<T>::get() == all, "positions do not sum to the total stake");
		frame_support::ensure!(
			TotalHotkeyStake::<T>::iter().count() == by_hotkey.len() &&
				StakerCount::<T>::iter().count() == by_hotkey.len(),
			"a hotkey without positions keeps a total or a count"
		);
		for (hotkey, (sum, count)) in &by_hotkey {
			frame_support::ensure!(
				TotalHotkeyStake::<T>::get(hotkey) == *sum,
				"a hotkey's positions do not sum to its total"
			);
			frame_support::ensure!(StakerCount::<T>::get(hotkey) == *count, "a hotkey's staker count is off");
		}
		frame_support::ensure!(
			PositionCount::<T>::iter().count() == by_coldkey.len() &&
				Positions::<T>::iter().count() == Stake::<T>::iter().count(),
			"a coldkey without positions keeps a count or an index entry"
		);
		// A coldkey's total stake is its `Staked` hold: no separate counter.
		for (coldkey, (sum, count)) in &by_coldkey {
			frame_support::ensure!(PositionCount::<T>::get(coldkey) == *count, "a coldkey's position count is off");
			frame_support::ensure!(
				T::Currency::balance_on_hold(&HoldReason::Staked.into(), coldkey) == *sum,
				"a coldkey's held stake differs from its total stake"
			);
		}
		Ok(())
	}
}
