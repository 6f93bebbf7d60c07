//! Unstaked TAO a vote still locks: held as `VoteLocked`, so that no other
//! hold or reserve on the account can stand under the lock; restaked first;
//! released when the lock shrinks.

use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::Inspect,
		tokens::{Fortitude, Preservation},
		LockableCurrency, ReservableCurrency, WithdrawReasons,
	},
};
use sp_runtime::TokenError;

use crate::{mock::*, Error, Event};

const VOTE: [u8; 8] = *b"pyconvot";

/// Coldkey 1 staked 100 TAO on hotkey 100 and voted with all of it (a
/// 100 TAO lock, as conviction voting sets it); it also has 300 TAO reserved
/// for something else (a deposit).
fn voted(test: impl FnOnce()) {
	build_and_execute(|| {
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(1), 100, 100 * TAO));
		Balances::set_lock(VOTE, &1, 100 * TAO, WithdrawReasons::all());
		assert_ok!(Stake::settle_vote_lock(&1));
		assert_ok!(Balances::reserve(&1, 300 * TAO));
		events();
		test()
	})
}

fn spendable(who: u64) -> u64 {
	Balances::reducible_balance(&who, Preservation::Expendable, Fortitude::Polite)
}

#[test]
fn unstaked_tao_under_a_vote_lock_stays_held_whatever_else_is_reserved() {
	voted(|| {
		let free_before = free(1);
		assert_eq!(Stake::vote_locked(&1), 0, "all of the lock is stake");
		assert_ok!(Stake::remove_stake(RuntimeOrigin::signed(1), 100, 100 * TAO));
		assert_eq!(
			events(),
			vec![
				Event::VoteLockHeld { coldkey: 1, amount: 100 * TAO },
				Event::StakeRemoved { coldkey: 1, hotkey: 100, amount: 100 * TAO, position: 0 },
			]
		);
		// The 100 TAO are neither stake (they do not vote) nor free: the
		// reserve cannot stand under the lock in their place.
		assert_eq!(Stake::vote_locked(&1), 100 * TAO);
		assert_eq!(Stake::total_coldkey_stake(&1), 0);
		assert_eq!(free(1), free_before);
		// (The account keeps its existential deposit: it has holds.)
		assert_eq!(spendable(1), free_before - EXISTENTIAL_DEPOSIT);
		assert_noop!(
			Balances::transfer_allow_death(RuntimeOrigin::signed(1), 2, free_before + 1),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn vote_locked_tao_is_restaked_first_and_released_when_the_lock_shrinks() {
	voted(|| {
		assert_ok!(Stake::unstake_all(RuntimeOrigin::signed(1)));
		assert_eq!(Stake::vote_locked(&1), 100 * TAO);
		// Spend every free rao: the vote-locked TAO can still be restaked.
		let rest = spendable(1);
		assert_ok!(Balances::transfer_allow_death(RuntimeOrigin::signed(1), 2, rest));
		assert_eq!(free(1), EXISTENTIAL_DEPOSIT);
		events();
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(1), 100, 60 * TAO));
		assert_eq!(Stake::vote_locked(&1), 40 * TAO);
		assert_eq!(Stake::total_coldkey_stake(&1), 60 * TAO);
		assert_eq!(events(), vec![Event::StakeAdded { coldkey: 1, hotkey: 100, amount: 60 * TAO, position: 60 * TAO }]);
		assert_noop!(
			Stake::add_stake(RuntimeOrigin::signed(1), 100, 40 * TAO + 1),
			Error::<Test>::InsufficientBalance
		);

		// The lock shrinks to 70 TAO: 60 staked, 10 held, 30 released.
		Balances::set_lock(VOTE, &1, 70 * TAO, WithdrawReasons::all());
		assert_ok!(Stake::settle_vote_lock(&1));
		assert_eq!(events(), vec![Event::VoteLockReleased { coldkey: 1, amount: 30 * TAO }]);
		assert_eq!((Stake::vote_locked(&1), free(1)), (10 * TAO, 30 * TAO + EXISTENTIAL_DEPOSIT));
		// Settling again changes nothing.
		assert_ok!(Stake::settle_vote_lock(&1));
		assert_eq!(events(), vec![]);
		// The lock ends: everything not staked is free.
		Balances::remove_lock(VOTE, &1);
		assert_ok!(Stake::settle_vote_lock(&1));
		assert_eq!(events(), vec![Event::VoteLockReleased { coldkey: 1, amount: 10 * TAO }]);
		assert_eq!((Stake::vote_locked(&1), free(1)), (0, 40 * TAO + EXISTENTIAL_DEPOSIT));
	});
}

#[test]
fn a_lock_within_the_stake_holds_nothing_and_partial_unstakes_hold_only_the_excess() {
	voted(|| {
		// A 40 TAO lock under 100 TAO of stake: unstaking 50 leaves 50 staked,
		// more than the lock, so nothing is held.
		Balances::set_lock(VOTE, &1, 40 * TAO, WithdrawReasons::all());
		assert_ok!(Stake::settle_vote_lock(&1));
		assert_ok!(Stake::remove_stake(RuntimeOrigin::signed(1), 100, 50 * TAO));
		assert_eq!(Stake::vote_locked(&1), 0);
		// Unstaking 30 more leaves 20 staked under a 40 TAO lock: 20 held.
		assert_ok!(Stake::remove_stake(RuntimeOrigin::signed(1), 100, 30 * TAO));
		assert_eq!(Stake::vote_locked(&1), 20 * TAO);
		assert_eq!(Stake::total_coldkey_stake(&1) + Stake::vote_locked(&1), 40 * TAO);
	});
}

/// An account whose vote-locked TAO left it before spec 110 (a reserve stood
/// under the lock and it was sent away): settling holds what is there and
/// never blocks the account.
#[test]
fn settling_an_account_whose_locked_tao_already_left_holds_what_is_there() {
	use frame_support::traits::{fungible::MutateHold, tokens::Precision};
	voted(|| {
		assert_ok!(Stake::remove_stake(RuntimeOrigin::signed(1), 100, 100 * TAO));
		// As before spec 110: released, and sent away under the reserve.
		let reason: RuntimeHoldReason = crate::HoldReason::VoteLocked.into();
		assert_ok!(Balances::release(&reason, &1, 100 * TAO, Precision::Exact));
		let spend = spendable(1);
		assert_ok!(Balances::transfer_allow_death(RuntimeOrigin::signed(1), 2, spend - 30 * TAO));
		events();
		// 30 TAO are left free: they are held, and the account works on.
		assert_ok!(Stake::settle_vote_lock(&1));
		assert_eq!(events(), vec![Event::VoteLockHeld { coldkey: 1, amount: 30 * TAO }]);
		assert_eq!((Stake::vote_locked(&1), free(1)), (30 * TAO, EXISTENTIAL_DEPOSIT));
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(1), 100, 30 * TAO));
		assert_eq!(Stake::vote_locked(&1), 0);
		assert_ok!(Stake::remove_stake(RuntimeOrigin::signed(1), 100, 30 * TAO));
		assert_eq!(Stake::vote_locked(&1), 30 * TAO);
	});
}
