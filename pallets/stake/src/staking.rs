//! Pools, positions and the calls that change them. Every movement of
//! currency in this pallet goes through [`Pallet::hold_stake`],
//! [`Pallet::release_stake`] and [`Pallet::mint_stake`]; every pool is
//! loaded with [`Pallet::load`] (its stream released to the block) and
//! written back with [`Pallet::store`], which keeps the totals, the indexes
//! and the counters in step.

use alloc::vec::Vec;
use frame_support::{
	dispatch::{DispatchResult, DispatchResultWithPostInfo, Pays, PostDispatchInfo},
	ensure,
	traits::{
		fungible::{Inspect, Mutate, MutateHold},
		tokens::Precision,
		Get,
	},
};
use sp_runtime::DispatchError;
use yuma_primitives::SubnetRegistry;

use crate::{pallet::*, pool::*, weights::WeightInfo};

/// A pool as loaded, with the figures [`Pallet::store`] compares against.
pub(crate) struct Loaded<AccountId> {
	pub id: PoolId,
	pub pool: Pool<AccountId>,
	held_before: u64,
	owed_before: u64,
	/// Its value when loaded (stream released).
	value_before: u64,
	/// Whether the pool is in storage (a new one is not, until stored).
	pub stored: bool,
}

impl<T: Config> Pallet<T> {
	/// Holds `amount` of the coldkey's TAO as stake, its vote-locked TAO
	/// first, then its free balance.
	pub(crate) fn hold_stake(coldkey: &T::AccountId, amount: Balance) -> DispatchResult {
		Self::take_vote_locked(coldkey, amount)?;
		T::Currency::hold(&HoldReason::Staked.into(), coldkey, amount)?;
		Self::settle_vote_lock(coldkey)
	}

	/// Releases `amount` of the coldkey's stake: to its free balance, except
	/// what a vote's lock still covers (held as `VoteLocked`).
	pub(crate) fn release_stake(coldkey: &T::AccountId, amount: Balance) -> DispatchResult {
		T::Currency::release(&HoldReason::Staked.into(), coldkey, amount, Precision::Exact)?;
		Self::settle_vote_lock(coldkey)
	}

	/// Mints `amount` new rao into the coldkey's account and holds them as
	/// stake. A coldkey that already holds stake gets them straight on hold,
	/// total issuance raised by the same amount (half the writes). One that
	/// holds nothing must keep the existential deposit free, or the hold
	/// would leave its account below it: `NoExistentialDeposit`, named
	/// rather than the balances pallet's `FundsUnavailable`.
	pub(crate) fn mint_stake(coldkey: &T::AccountId, amount: Balance) -> DispatchResult {
		use frame_support::traits::fungible::{InspectHold, Unbalanced, UnbalancedHold};
		let reason: T::RuntimeHoldReason = HoldReason::Staked.into();
		let held = T::Currency::balance_on_hold(&reason, coldkey);
		if held > 0 {
			let issuance = T::Currency::total_issuance();
			let new_issuance = issuance.checked_add(amount).ok_or(sp_runtime::ArithmeticError::Overflow)?;
			T::Currency::increase_balance_on_hold(&reason, coldkey, amount, Precision::Exact)?;
			T::Currency::set_total_issuance(new_issuance);
			// More stake under the same lock: less of it vote-locked.
			return Self::settle_vote_lock(coldkey);
		}
		ensure!(
			T::Currency::balance(coldkey) >= T::Currency::minimum_balance(),
			Error::<T>::NoExistentialDeposit
		);
		T::Currency::mint_into(coldkey, amount)?;
		Self::hold_stake(coldkey, amount)
	}

	/// The owner of `hotkey`, or `HotkeyNotFound`.
	pub(crate) fn owner_of(hotkey: &T::AccountId) -> Result<T::AccountId, Error<T>> {
		T::Registry::hotkey_owner(hotkey).ok_or(Error::<T>::HotkeyNotFound)
	}

	/// The pool of `hotkey` with its stream released to this block, or a new
	/// empty one (`stored == false`; it gets an id when stored).
	pub(crate) fn load(hotkey: &T::AccountId) -> Loaded<T::AccountId> {
		match Pools::<T>::get(hotkey) {
			Some(pool) => Self::loaded(pool),
			// The owner's position lives in the pool. (A hotkey with no
			// owner gets no stake; the slot then names the hotkey itself.)
			None => Self::new_pool(hotkey, T::Registry::hotkey_owner(hotkey).unwrap_or_else(|| hotkey.clone())),
		}
	}

	/// A stored pool, loaded: its stream released to this block.
	pub(crate) fn loaded(mut pool: Pool<T::AccountId>) -> Loaded<T::AccountId> {
		let (held_before, owed_before) = (pool.held, pool.owed());
		let forfeited = pool.settle(Self::now());
		Self::forfeit(&pool.hotkey, forfeited);
		let value_before = pool.value;
		Loaded { id: pool.id, pool, held_before, owed_before, value_before, stored: true }
	}

	/// A new empty pool of `hotkey` keeping `owner`'s position, not stored yet.
	pub(crate) fn new_pool(hotkey: &T::AccountId, owner: T::AccountId) -> Loaded<T::AccountId> {
		let id = NextPoolId::<T>::get();
		let pool = Pool::new(id, hotkey.clone(), owner);
		Loaded { id, pool, held_before: 0, owed_before: 0, value_before: 0, stored: false }
	}

	/// Counts rao of `hotkey`'s pool that nobody will get.
	fn forfeit(hotkey: &T::AccountId, amount: u64) {
		if amount == 0 {
			return;
		}
		TotalForfeited::<T>::mutate(|f| *f = f.saturating_add(amount));
		Self::deposit_event(Event::RewardsForfeited { hotkey: hotkey.clone(), amount });
	}

	/// Writes a loaded pool back and moves the totals by what changed in it.
	/// A pool left without positions is removed, and what it still owed (dust,
	/// an unfinished stream) is forfeited.
	pub(crate) fn store(loaded: Loaded<T::AccountId>) {
		let Loaded { id, mut pool, held_before, owed_before, value_before, stored } = loaded;
		// Stake coming in or going out (not rewards: an epoch's payouts read
		// nothing more for this) marks the pool for root seats.
		if pool.held != held_before {
			pool.note_change(value_before, RootEpochAt::<T>::get(), PrevRootEpochAt::<T>::get());
		}
		let owed_after = if pool.stakers == 0 { 0 } else { pool.owed() };
		if pool.stakers == 0 {
			Self::forfeit(&pool.hotkey, pool.owed());
		}
		if pool.held != held_before {
			TotalStake::<T>::mutate(|t| *t = t.saturating_sub(held_before).saturating_add(pool.held));
		}
		if owed_after != owed_before {
			TotalOwed::<T>::mutate(|t| *t = t.saturating_sub(owed_before).saturating_add(owed_after));
		}
		if pool.stakers == 0 {
			if stored {
				Pools::<T>::remove(&pool.hotkey);
				PoolHotkey::<T>::remove(id);
			}
			return;
		}
		if !stored {
			NextPoolId::<T>::put(id.saturating_add(1));
			PoolHotkey::<T>::insert(id, &pool.hotkey);
		}
		Pools::<T>::insert(&pool.hotkey, &pool);
	}

	/// The position of `coldkey` in a loaded pool (empty if none).
	pub(crate) fn position(loaded: &Loaded<T::AccountId>, coldkey: &T::AccountId) -> Position {
		if !loaded.stored {
			return Position::default();
		}
		Self::stored_position(loaded.id, &loaded.pool, coldkey).unwrap_or_default()
	}

	/// Whether `coldkey` has a position in a loaded pool.
	pub(crate) fn has_position(loaded: &Loaded<T::AccountId>, coldkey: &T::AccountId) -> bool {
		loaded.stored && Self::stored_position(loaded.id, &loaded.pool, coldkey).is_some()
	}

	/// Writes `position` of `coldkey` (`existed`: it was there before),
	/// opening or closing it and its index entries. The pool's owner's
	/// position goes into the pool (written when the pool is stored).
	pub(crate) fn put_position(
		loaded: &mut Loaded<T::AccountId>,
		coldkey: &T::AccountId,
		position: Position,
		existed: bool,
	) {
		let open = position.is_open();
		match (existed, open) {
			(false, true) => {
				Positions::<T>::insert(coldkey, loaded.id, ());
				PositionCount::<T>::mutate(coldkey, |c| *c = c.saturating_add(1));
				loaded.pool.stakers = loaded.pool.stakers.saturating_add(1);
			},
			(true, false) => {
				Positions::<T>::remove(coldkey, loaded.id);
				PositionCount::<T>::mutate_exists(coldkey, |c| {
					*c = c.map(|c| c.saturating_sub(1)).filter(|c| *c > 0);
				});
				loaded.pool.stakers = loaded.pool.stakers.saturating_sub(1);
			},
			(false, false) => return,
			(true, true) => {},
		}
		if *coldkey == loaded.pool.owner {
			loaded.pool.own = if open { position } else { Position::default() };
		} else if open {
			Stake::<T>::insert(loaded.id, coldkey, position);
		} else {
			Stake::<T>::remove(loaded.id, coldkey);
		}
	}

	/// Mints what `position` has earned beyond its hold onto the hold.
	pub(crate) fn materialize(
		loaded: &mut Loaded<T::AccountId>,
		coldkey: &T::AccountId,
		position: &mut Position,
	) -> DispatchResult {
		let worth = loaded.pool.worth(position);
		let room = loaded.pool.value.saturating_sub(loaded.pool.held);
		let earned = worth.saturating_sub(position.held).min(room);
		position.base = worth;
		if earned == 0 {
			return Ok(());
		}
		Self::mint_stake(coldkey, earned)?;
		position.held = position.held.saturating_add(earned);
		loaded.pool.held = loaded.pool.held.saturating_add(earned);
		TotalRewardsMinted::<T>::mutate(|m| *m = m.saturating_add(earned));
		Self::deposit_event(Event::RewardsStaked {
			coldkey: coldkey.clone(),
			hotkey: loaded.pool.hotkey.clone(),
			amount: earned,
		});
		Ok(())
	}

	/// Whether a user may open a position of `coldkey` on a pool: the limit
	/// of `MaxPositionsPerColdkey` (rewards never meet it).
	fn check_new_position(coldkey: &T::AccountId, existed: bool) -> DispatchResult {
		ensure!(
			existed || PositionCount::<T>::get(coldkey) < T::MaxPositionsPerColdkey::get(),
			Error::<T>::TooManyPositions
		);
		Ok(())
	}

	/// How much of `worth` a removal of `amount` takes: all of it when less
	/// than the minimum would remain.
	fn removal(worth: Balance, amount: Balance) -> Balance {
		let rest = worth.saturating_sub(amount);
		if rest > 0 && rest < T::MinStake::get() {
			worth
		} else {
			amount
		}
	}

	/// The position of `coldkey` on `hotkey` with its rewards minted, or `NoStake`.
	fn touched(
		hotkey: &T::AccountId,
		coldkey: &T::AccountId,
	) -> Result<(Loaded<T::AccountId>, Position), DispatchError> {
		let mut loaded = Self::load(hotkey);
		ensure!(Self::has_position(&loaded, coldkey), Error::<T>::NoStake);
		let mut position = Self::position(&loaded, coldkey);
		Self::materialize(&mut loaded, coldkey, &mut position)?;
		Ok((loaded, position))
	}

	pub(crate) fn do_add_stake(coldkey: T::AccountId, hotkey: T::AccountId, amount: Balance) -> DispatchResult {
		ensure!(amount > 0, Error::<T>::AmountZero);
		Self::owner_of(&hotkey)?;
		// What a hold can take (`Force`: a hold leaves the rao on the coldkey,
		// so a freeze, such as a vote's lock, does not stop restaking them),
		// and the coldkey's vote-locked TAO.
		ensure!(Self::stakeable(&coldkey) >= amount, Error::<T>::InsufficientBalance);
		let mut loaded = Self::load(&hotkey);
		let existed = Self::has_position(&loaded, &coldkey);
		Self::check_new_position(&coldkey, existed)?;
		let mut position = Self::position(&loaded, &coldkey);
		let after = loaded.pool.worth(&position).saturating_add(amount);
		ensure!(after >= T::MinStake::get(), Error::<T>::BelowMinimumStake);

		Self::materialize(&mut loaded, &coldkey, &mut position)?;
		loaded.pool.deposit(&mut position, amount, true).ok_or(Error::<T>::PoolOverflow)?;
		Self::hold_stake(&coldkey, amount)?;
		let worth = loaded.pool.worth(&position);
		Self::put_position(&mut loaded, &coldkey, position, existed);
		Self::store(loaded);
		Self::deposit_event(Event::StakeAdded { coldkey, hotkey, amount, position: worth });
		Ok(())
	}

	pub(crate) fn do_remove_stake(
		coldkey: T::AccountId,
		hotkey: T::AccountId,
		amount: Balance,
	) -> DispatchResult {
		ensure!(amount > 0, Error::<T>::AmountZero);
		let (loaded, position) = Self::touched(&hotkey, &coldkey)?;
		let worth = loaded.pool.worth(&position);
		ensure!(amount <= worth, Error::<T>::NotEnoughStake);
		Self::unstake(coldkey, loaded, position, Self::removal(worth, amount))
	}

	/// Takes `amount` (at most its worth) out of a touched position and
	/// releases it; the whole worth closes the position.
	fn unstake(
		coldkey: T::AccountId,
		mut loaded: Loaded<T::AccountId>,
		mut position: Position,
		amount: Balance,
	) -> DispatchResult {
		let released = Self::take_out(&mut loaded, &mut position, amount);
		Self::release_stake(&coldkey, released)?;
		let left = loaded.pool.worth(&position);
		let hotkey = loaded.pool.hotkey.clone();
		Self::put_position(&mut loaded, &coldkey, position, true);
		Self::store(loaded);
		Self::deposit_event(Event::StakeRemoved { coldkey, hotkey, amount: released, position: left });
		Ok(())
	}

	/// Withdraws `amount` from a touched position; returns the rao taken
	/// from its hold. (A touched position holds its whole worth; were
	/// anything not held, it is counted as forfeited rather than lost.)
	fn take_out(loaded: &mut Loaded<T::AccountId>, position: &mut Position, amount: Balance) -> Balance {
		let (taken, from_hold) = loaded.pool.withdraw(position, amount);
		let hotkey = loaded.pool.hotkey.clone();
		Self::forfeit(&hotkey, taken.saturating_sub(from_hold));
		from_hold
	}

	pub(crate) fn do_claim(coldkey: T::AccountId, hotkey: T::AccountId) -> DispatchResult {
		let (mut loaded, position) = Self::touched(&hotkey, &coldkey)?;
		Self::put_position(&mut loaded, &coldkey, position, true);
		Self::store(loaded);
		Ok(())
	}

	pub(crate) fn do_unstake_all(coldkey: T::AccountId) -> DispatchResultWithPostInfo {
		let limit = usize::try_from(T::MaxPositionsPerColdkey::get()).unwrap_or(usize::MAX);
		let pools: Vec<PoolId> = Positions::<T>::iter_key_prefix(&coldkey).take(limit).collect();
		ensure!(!pools.is_empty(), Error::<T>::NoStake);
		let closed = u32::try_from(pools.len()).unwrap_or(u32::MAX);
		for id in pools {
			let Some(hotkey) = PoolHotkey::<T>::get(id) else { continue };
			let (loaded, position) = Self::touched(&hotkey, &coldkey)?;
			let worth = loaded.pool.worth(&position);
			Self::unstake(coldkey.clone(), loaded, position, worth)?;
		}
		Ok(PostDispatchInfo { actual_weight: Some(T::WeightInfo::unstake_all(closed)), pays_fee: Pays::Yes })
	}

	pub(crate) fn do_move_stake(
		coldkey: T::AccountId,
		from: T::AccountId,
		to: T::AccountId,
		amount: Balance,
	) -> DispatchResult {
		ensure!(amount > 0, Error::<T>::AmountZero);
		ensure!(from != to, Error::<T>::SameHotkey);
		let (mut source, mut position) = Self::touched(&from, &coldkey)?;
		let worth = source.pool.worth(&position);
		ensure!(amount <= worth, Error::<T>::NotEnoughStake);
		Self::owner_of(&to)?;
		let amount = Self::removal(worth, amount);
		let mut target = Self::load(&to);
		let existed = Self::has_position(&target, &coldkey);
		Self::check_new_position(&coldkey, existed)?;
		let mut joined = Self::position(&target, &coldkey);
		ensure!(
			target.pool.worth(&joined).saturating_add(amount) >= T::MinStake::get(),
			Error::<T>::BelowMinimumStake
		);

		let moved = Self::take_out(&mut source, &mut position, amount);
		Self::materialize(&mut target, &coldkey, &mut joined)?;
		target.pool.deposit(&mut joined, moved, true).ok_or(Error::<T>::PoolOverflow)?;
		Self::put_position(&mut source, &coldkey, position, true);
		Self::store(source);
		// Storing the source never creates a pool, so a new target's id
		// (read when it was loaded) is still free.
		Self::put_position(&mut target, &coldkey, joined, existed);
		Self::store(target);
		Self::deposit_event(Event::StakeMoved { coldkey, from, to, amount: moved });
		Ok(())
	}
}
