//! Epoch rewards (for pallet-emission), credited to pools as owed rao.
//!
//! Paying a uid reads and writes its pool alone: the owner's position, which
//! gets a miner's incentive and a validator's take, is kept in it, and the
//! owner is the one recorded in it (a hotkey's owner never changes; `try_state`
//! checks the two agree). Nothing iterates the nominators: they own shares,
//! and the rewards raise what a share is worth (at once for the take and
//! incentive, slice by slice for the stream of dividends).

use frame_support::traits::Get;
use yuma_primitives::{Credited, RewardLedger, StakeRewards, SubnetRegistry};

use crate::{pallet::*, pool::Stream, staking::Loaded};

/// What crediting dividends did: rao credited, of which the take, and the
/// end of the pool's stream.
struct Dividends {
	credited: u64,
	take: u64,
	stream_end: u64,
}

impl<T: Config> Pallet<T> {
	/// The pool that `hotkey`'s rewards go to: its stored pool, or a new one
	/// keeping its owner's position; `None` for a hotkey without owner.
	fn reward_pool(hotkey: &T::AccountId) -> Option<Loaded<T::AccountId>> {
		match Pools::<T>::get(hotkey) {
			Some(pool) => Some(Self::loaded(pool)),
			None => T::Registry::hotkey_owner(hotkey).map(|owner| Self::new_pool(hotkey, owner)),
		}
	}

	/// Credits `amount` to the owner's position in a loaded pool (opening it
	/// if needed, past any user limit). Returns the rao credited: all, or 0
	/// if the pool's arithmetic would overflow.
	fn credit_owner(loaded: &mut Loaded<T::AccountId>, amount: u64) -> u64 {
		if amount == 0 {
			return 0;
		}
		let owner = loaded.pool.owner.clone();
		let existed = Self::has_position(loaded, &owner);
		let mut position = Self::position(loaded, &owner);
		if loaded.pool.deposit(&mut position, amount, false).is_none() {
			return 0;
		}
		Self::put_position(loaded, &owner, position, existed);
		amount
	}

	/// Credits a validator's dividends to a loaded pool: the take to its
	/// owner's position, the rest into the stream (all to the owner if
	/// nobody stakes on it).
	fn credit_dividends_to(loaded: &mut Loaded<T::AccountId>, amount: u64) -> Dividends {
		let now = Self::now();
		if amount == 0 {
			return Dividends { credited: 0, take: 0, stream_end: loaded.pool.stream.end };
		}
		if loaded.pool.shares == 0 {
			// Nobody stakes on it: everything to the owner, as its take.
			let all = Self::credit_owner(loaded, amount);
			return Dividends { credited: all, take: all, stream_end: now };
		}
		let take = Self::take_of(&loaded.pool.hotkey).mul_floor(amount);
		let take = Self::credit_owner(loaded, take);
		let rest = amount.saturating_sub(take);
		let left = loaded.pool.stream.unreleased();
		let end = now.saturating_add(T::RewardStreamBlocks::get());
		match left.checked_add(rest) {
			Some(total) => {
				loaded.pool.stream = Stream { amount: total, released: 0, start: now, end };
				Dividends { credited: take.saturating_add(rest), take, stream_end: end }
			},
			None => Dividends { credited: take, take, stream_end: loaded.pool.stream.end },
		}
	}
}

impl<T: Config> StakeRewards<T::AccountId> for Pallet<T> {
	fn credit_epoch(hotkey: &T::AccountId, incentive: u64, dividends: u64) -> Credited {
		if incentive == 0 && dividends == 0 {
			return Credited::default();
		}
		let Some(mut loaded) = Self::reward_pool(hotkey) else { return Credited::default() };
		let stakers = loaded.pool.stakers;
		let to_miner = Self::credit_owner(&mut loaded, incentive);
		let d = Self::credit_dividends_to(&mut loaded, dividends);
		let opened = loaded.pool.stakers > stakers;
		let owner = loaded.pool.owner.clone();
		Self::store(loaded);
		if to_miner > 0 {
			Self::deposit_event(Event::IncentiveCredited { hotkey: hotkey.clone(), owner, amount: to_miner });
		}
		if d.credited > 0 {
			Self::deposit_event(Event::DividendsCredited {
				hotkey: hotkey.clone(),
				amount: d.credited,
				take: d.take,
				stream_end: d.stream_end,
			});
		}
		Credited { incentive: to_miner, dividends: d.credited, opened }
	}

	fn credit_dividends(hotkey: &T::AccountId, amount: u64) -> u64 {
		Self::credit_epoch(hotkey, 0, amount).dividends
	}

	fn positions(hotkey: &T::AccountId) -> u32 {
		Pools::<T>::get(hotkey).map_or(0, |p| p.stakers)
	}

	fn credit_incentive(hotkey: &T::AccountId, amount: u64) -> u64 {
		Self::credit_epoch(hotkey, amount, 0).incentive
	}

	fn ledger() -> RewardLedger {
		RewardLedger {
			minted: TotalRewardsMinted::<T>::get(),
			owed: TotalOwed::<T>::get(),
			forfeited: TotalForfeited::<T>::get(),
		}
	}
}
