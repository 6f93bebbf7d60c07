//! Unstaked TAO that a vote still locks.
//!
//! A vote's lock (conviction voting's) is a balances lock: it freezes an
//! amount of the account's whole balance, and pallet-balances lets any hold
//! or reserve on the account stand under a freeze. So once stake is
//! released, another hold (a subnet's lock, a referendum's deposit) would
//! "cover" the vote's lock and leave the released rao free to transfer, and
//! to vote again from another account. Here the part of the lock that the
//! coldkey's stake no longer covers sits on a hold of its own,
//! [`HoldReason::VoteLocked`]: no other hold can cover it, it does not vote
//! (voting power is the `Staked` hold only), it is restaked first, and it is
//! released as soon as the lock shrinks (`convictionVoting.unlock`).
//!
//! The rule, kept after every change of a coldkey's stake and of its lock:
//! `VoteLocked = max(0, frozen - Staked)`.

use frame_support::{
	dispatch::DispatchResult,
	traits::{
		fungible::{Inspect, InspectHold, MutateHold},
		tokens::{Fortitude, Precision, Preservation},
	},
};

use crate::{pallet::*, Balance};

/// How much of an account's balance its locks freeze.
pub trait VoteLocks<AccountId> {
	/// The frozen amount (the largest lock).
	fn frozen(who: &AccountId) -> Balance;
}

/// No locks.
impl<AccountId> VoteLocks<AccountId> for () {
	fn frozen(_: &AccountId) -> Balance {
		0
	}
}

impl<T: Config> Pallet<T> {
	/// The coldkey's unstaked TAO held because a vote still locks it.
	pub fn vote_locked(coldkey: &T::AccountId) -> Balance {
		T::Currency::balance_on_hold(&HoldReason::VoteLocked.into(), coldkey)
	}

	/// What the coldkey's `VoteLocked` hold should be: what its locks freeze
	/// beyond its stake, `max(0, frozen - Staked)`.
	pub fn vote_lock_target(coldkey: &T::AccountId) -> Balance {
		let staked = T::Currency::balance_on_hold(&HoldReason::Staked.into(), coldkey);
		T::VoteLocks::frozen(coldkey).saturating_sub(staked)
	}

	/// Brings the coldkey's `VoteLocked` hold to [`Self::vote_lock_target`]:
	/// holds what its lock covers beyond its stake, releases what no lock
	/// covers any more. The runtime calls it whenever the lock changes.
	pub fn settle_vote_lock(coldkey: &T::AccountId) -> DispatchResult {
		let reason: T::RuntimeHoldReason = HoldReason::VoteLocked.into();
		let want = Self::vote_lock_target(coldkey);
		let have = T::Currency::balance_on_hold(&reason, coldkey);
		if have > want {
			let amount = have.saturating_sub(want);
			T::Currency::release(&reason, coldkey, amount, Precision::Exact)?;
			Self::deposit_event(Event::VoteLockReleased { coldkey: coldkey.clone(), amount });
		} else if want > have {
			// All of it after an unstake (the rao were just released). Less
			// only on an account whose locked TAO left it before spec 110,
			// when other holds could stand under a lock: hold what is there
			// rather than block the account's stake and votes.
			let room = T::Currency::reducible_balance(coldkey, Preservation::Protect, Fortitude::Force);
			let amount = want.saturating_sub(have).min(room);
			if amount > 0 {
				T::Currency::hold(&reason, coldkey, amount)?;
				Self::deposit_event(Event::VoteLockHeld { coldkey: coldkey.clone(), amount });
			}
		}
		Ok(())
	}

	/// Releases up to `amount` of the coldkey's `VoteLocked` hold, to be
	/// restaked at once.
	pub(crate) fn take_vote_locked(coldkey: &T::AccountId, amount: Balance) -> DispatchResult {
		let taken = Self::vote_locked(coldkey).min(amount);
		if taken > 0 {
			T::Currency::release(&HoldReason::VoteLocked.into(), coldkey, taken, Precision::Exact)?;
		}
		Ok(())
	}

	/// What a coldkey can stake: its free balance a hold may take (a freeze
	/// does not stop a hold) and its vote-locked TAO.
	pub(crate) fn stakeable(coldkey: &T::AccountId) -> Balance {
		T::Currency::reducible_balance(coldkey, Preservation::Protect, Fortitude::Force)
			.saturating_add(Self::vote_locked(coldkey))
	}
}
