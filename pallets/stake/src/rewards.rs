//! Epoch rewards (for pallet-emission), credited to pools as owed rao.
//!
//! Paying a validator writes its pool (its owner's position, which gets the
//! take, is kept in it); paying a miner the same. Nothing iterates the nominators: they own shares, and the
//! rewards raise what a share is worth (at once for the take and incentive,
//! slice by slice for the stream of dividends).

use frame_support::traits::Get;
use yuma_primitives::{RewardLedger, StakeRewards};

use crate::{pallet::*, pool::Stream, staking::Loaded};

impl<T: Config> Pallet<T> {
	/// Credits `amount` to the owner's position in a loaded pool (opening it
	/// if needed, past any user limit). Returns the rao credited: all, or 0
	/// if the pool's arithmetic would overflow.
	fn credit_owner(loaded: &mut Loaded<T::AccountId>, owner: &T::AccountId, amount: u64) -> u64 {
		if amount == 0 {
			return 0;
		}
		let existed = Self::has_position(loaded, owner);
		let mut position = Self::position(loaded, owner);
		if loaded.pool.deposit(&mut position, amount, false).is_none() {
			return 0;
		}
		Self::put_position(loaded, owner, position, existed);
		amount
	}
}

impl<T: Config> StakeRewards<T::AccountId> for Pallet<T> {
	fn credit_dividends(hotkey: &T::AccountId, amount: u64) -> u64 {
		let Ok(owner) = Self::owner_of(hotkey) else { return 0 };
		if amount == 0 {
			return 0;
		}
		let mut loaded = Self::load(hotkey);
		let now = Self::now();
		let (credited, take, stream_end) = if loaded.pool.shares == 0 {
			// Nobody stakes on it: everything to the owner, as its take.
			let all = Self::credit_owner(&mut loaded, &owner, amount);
			(all, all, now)
		} else {
			let take = Self::take_of(hotkey).mul_floor(amount);
			let take = Self::credit_owner(&mut loaded, &owner, take);
			let rest = amount.saturating_sub(take);
			let left = loaded.pool.stream.unreleased();
			let end = now.saturating_add(T::RewardStreamBlocks::get());
			match left.checked_add(rest) {
				Some(total) => {
					loaded.pool.stream = Stream { amount: total, released: 0, start: now, end };
					(take.saturating_add(rest), take, end)
				},
				None => (take, take, loaded.pool.stream.end),
			}
		};
		Self::store(loaded);
		if credited > 0 {
			Self::deposit_event(Event::DividendsCredited {
				hotkey: hotkey.clone(),
				amount: credited,
				take,
				stream_end,
			});
		}
		credited
	}

	fn positions(hotkey: &T::AccountId) -> u32 {
		HotkeyPool::<T>::get(hotkey).and_then(Pools::<T>::get).map_or(0, |p| p.stakers)
	}

	fn credit_incentive(hotkey: &T::AccountId, amount: u64) -> u64 {
		let Ok(owner) = Self::owner_of(hotkey) else { return 0 };
		if amount == 0 {
			return 0;
		}
		let mut loaded = Self::load(hotkey);
		let credited = Self::credit_owner(&mut loaded, &owner, amount);
		Self::store(loaded);
		if credited > 0 {
			Self::deposit_event(Event::IncentiveCredited { hotkey: hotkey.clone(), owner, amount: credited });
		}
		credited
	}

	fn ledger() -> RewardLedger {
		RewardLedger {
			minted: TotalRewardsMinted::<T>::get(),
			owed: TotalOwed::<T>::get(),
			forfeited: TotalForfeited::<T>::get(),
		}
	}
}
