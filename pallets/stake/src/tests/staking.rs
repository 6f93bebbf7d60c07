//! add_stake, remove_stake, unstake_all, move_stake.

use frame_support::{assert_noop, assert_ok};

use crate::{mock::*, Error, Event, PositionCount, TotalStake};

#[test]
fn staking_holds_the_amount_on_the_coldkey_and_leaves_issuance_alone() {
	build_and_execute(|| {
		let issuance = Balances::total_issuance();
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(1), 100, 10 * TAO));
		assert_eq!(
			events(),
			vec![Event::StakeAdded { coldkey: 1, hotkey: 100, amount: 10 * TAO, position: 10 * TAO }]
		);
		assert_eq!(held(1), 10 * TAO);
		assert_eq!(free(1), INITIAL_BALANCE - 10 * TAO);
		assert_eq!(Balances::total_issuance(), issuance);
		// A nominator: coldkey 7 on hotkey 100, owned by 1.
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(7), 100, 5 * TAO));
		assert_eq!(worth(100, 7), 5 * TAO);
		assert_eq!(hotkey_total(100), 15 * TAO);
		assert_eq!(Stake::total_coldkey_stake(&7), 5 * TAO);
		assert_eq!(TotalStake::<Test>::get(), 15 * TAO);
		assert_eq!(stakers(100), 2);
		assert_eq!(<Stake as yuma_primitives::StakeInfo<_>>::total_stake(&100), 15 * TAO);
	});
}

#[test]
fn bad_stake_requests_are_named_and_change_nothing() {
	build_and_execute(|| {
		let add = |c: u64, h: u64, a: u64| Stake::add_stake(RuntimeOrigin::signed(c), h, a);
		assert_noop!(add(1, 100, 0), Error::<Test>::AmountZero);
		assert_noop!(add(1, 100, u64::MAX), Error::<Test>::InsufficientBalance);
		assert_noop!(add(21, 100, MIN_STAKE), Error::<Test>::InsufficientBalance);
		// Keeping the account alive: all but the existential deposit at most.
		assert_noop!(add(1, 100, INITIAL_BALANCE), Error::<Test>::InsufficientBalance);
		assert_ok!(add(2, 101, INITIAL_BALANCE - EXISTENTIAL_DEPOSIT));
		assert_noop!(add(1, 999, MIN_STAKE), Error::<Test>::HotkeyNotFound);
		assert_noop!(add(1, 100, MIN_STAKE - 1), Error::<Test>::BelowMinimumStake);
		let remove = |c: u64, h: u64, a: u64| Stake::remove_stake(RuntimeOrigin::signed(c), h, a);
		assert_noop!(remove(1, 100, 0), Error::<Test>::AmountZero);
		assert_noop!(remove(1, 100, 1), Error::<Test>::NoStake);
		assert_noop!(remove(2, 101, u64::MAX), Error::<Test>::NotEnoughStake);
	});
}

#[test]
fn small_top_ups_of_an_existing_position_are_fine() {
	build_and_execute(|| {
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(1), 100, MIN_STAKE));
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(1), 100, 1));
		assert_eq!(worth(100, 1), MIN_STAKE + 1);
	});
}

#[test]
fn unstaking_releases_and_below_the_minimum_closes_the_position() {
	build_and_execute(|| {
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(7), 100, 10 * MIN_STAKE));
		events();
		assert_ok!(Stake::remove_stake(RuntimeOrigin::signed(7), 100, 4 * MIN_STAKE));
		assert_eq!(
			events(),
			vec![Event::StakeRemoved { coldkey: 7, hotkey: 100, amount: 4 * MIN_STAKE, position: 6 * MIN_STAKE }]
		);
		assert_eq!(free(7), INITIAL_BALANCE - 6 * MIN_STAKE);
		// Leaving 1 rao would be below the minimum: the whole position goes.
		assert_ok!(Stake::remove_stake(RuntimeOrigin::signed(7), 100, 6 * MIN_STAKE - 1));
		assert_eq!(
			events(),
			vec![Event::StakeRemoved { coldkey: 7, hotkey: 100, amount: 6 * MIN_STAKE, position: 0 }]
		);
		assert_eq!(free(7), INITIAL_BALANCE);
		assert_eq!(held(7), 0);
		assert!(worth(100, 7) == 0);
		assert_eq!(PositionCount::<Test>::get(7), 0);
		assert_eq!(stakers(100), 0);
		assert!(!crate::Pools::<Test>::contains_key(100), "no storage left behind");
		assert_eq!(crate::PoolHotkey::<Test>::iter().count(), 0);
		assert_eq!(crate::Pools::<Test>::iter().count(), 0);
	});
}

#[test]
fn unstake_all_closes_every_position() {
	build_and_execute(|| {
		for hotkey in 100..104 {
			assert_ok!(Stake::add_stake(RuntimeOrigin::signed(7), hotkey, TAO));
		}
		events();
		assert_ok!(Stake::unstake_all(RuntimeOrigin::signed(7)));
		assert_eq!(events().len(), 4);
		assert_eq!(free(7), INITIAL_BALANCE);
		assert_eq!(Stake::total_coldkey_stake(&7), 0);
		assert_noop!(Stake::unstake_all(RuntimeOrigin::signed(7)), Error::<Test>::NoStake);
	});
}

#[test]
fn moving_stake_keeps_it_held_and_moves_the_position() {
	build_and_execute(|| {
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(7), 100, 10 * TAO));
		events();
		assert_ok!(Stake::move_stake(RuntimeOrigin::signed(7), 100, 101, 4 * TAO));
		assert_eq!(events(), vec![Event::StakeMoved { coldkey: 7, from: 100, to: 101, amount: 4 * TAO }]);
		assert_eq!((worth(100, 7), worth(101, 7)), (6 * TAO, 4 * TAO));
		assert_eq!(held(7), 10 * TAO);
		// Moving all but a sliver moves everything.
		assert_ok!(Stake::move_stake(RuntimeOrigin::signed(7), 100, 101, 6 * TAO - 1));
		assert_eq!(worth(101, 7), 10 * TAO);
		assert!(worth(100, 7) == 0);

		let mv = |from: u64, to: u64, a: u64| Stake::move_stake(RuntimeOrigin::signed(7), from, to, a);
		assert_noop!(mv(101, 102, 0), Error::<Test>::AmountZero);
		assert_noop!(mv(101, 101, TAO), Error::<Test>::SameHotkey);
		assert_noop!(mv(100, 102, TAO), Error::<Test>::NoStake);
		assert_noop!(mv(101, 102, u64::MAX), Error::<Test>::NotEnoughStake);
		assert_noop!(mv(101, 999, TAO), Error::<Test>::HotkeyNotFound);
		assert_noop!(mv(101, 102, MIN_STAKE - 1), Error::<Test>::BelowMinimumStake);
	});
}

#[test]
fn positions_per_coldkey_are_bounded_and_nominators_are_not() {
	build_and_execute(|| {
		MaxPositionsPerColdkey::set(2);
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(7), 100, TAO));
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(7), 101, TAO));
		assert_noop!(Stake::add_stake(RuntimeOrigin::signed(7), 102, TAO), Error::<Test>::TooManyPositions);
		assert_noop!(
			Stake::move_stake(RuntimeOrigin::signed(7), 100, 102, TAO / 2),
			Error::<Test>::TooManyPositions
		);
		// Any number of nominators: each pays for its own position.
		for nominator in 8..21 {
			assert_ok!(Stake::add_stake(RuntimeOrigin::signed(nominator), 105, TAO));
		}
		assert_eq!(stakers(105), 13);
	});
}
