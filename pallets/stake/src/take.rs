//! Delegate take: lowered any time, raised only an interval after its last
//! change. A take nobody changed is the maximum, so the first increase comes
//! after a decrease, and the decrease starts the clock: lowering the take to
//! attract nominators and raising it back at once is refused.

use frame_support::{dispatch::DispatchResult, ensure, traits::Get};
use sp_runtime::Perbill;

use crate::pallet::*;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_set_take(
		coldkey: T::AccountId,
		hotkey: T::AccountId,
		take: Perbill,
		increase: bool,
	) -> DispatchResult {
		let owner = Self::owner_of(&hotkey)?;
		ensure!(owner == coldkey, Error::<T>::NotHotkeyOwner);
		let current = Self::take_of(&hotkey);
		let now = Self::now();
		if increase {
			ensure!(take > current && take <= T::MaxTake::get(), Error::<T>::TakeOutOfRange);
			if let Some(last) = LastTakeChange::<T>::get(&hotkey) {
				ensure!(
					now >= last.saturating_add(T::TakeIncreaseInterval::get()),
					Error::<T>::TakeIncreaseTooSoon
				);
			}
		} else {
			ensure!(take < current, Error::<T>::TakeOutOfRange);
		}
		LastTakeChange::<T>::insert(&hotkey, now);
		Takes::<T>::insert(&hotkey, take);
		Self::deposit_event(if increase {
			Event::TakeIncreased { hotkey, from: current, to: take }
		} else {
			Event::TakeDecreased { hotkey, from: current, to: take }
		});
		Ok(())
	}
}
