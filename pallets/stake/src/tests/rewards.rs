//! Rewards credited to pools, streamed, and minted when claimed; checked to the rao.

use frame_support::{assert_noop, assert_ok};
use sp_runtime::Perbill;
use yuma_primitives::StakeRewards;

use yuma_primitives::split_pro_rata;

use crate::{mock::*, Error, Event, TotalOwed, TotalRewardsMinted};

/// Hotkey 100 (owner 1): owner 3 TAO, nominators 7 and 8 with 2 and 1 TAO.
fn validator() {
	assert_ok!(Stake::add_stake(RuntimeOrigin::signed(1), 100, 3 * TAO));
	assert_ok!(Stake::add_stake(RuntimeOrigin::signed(7), 100, 2 * TAO));
	assert_ok!(Stake::add_stake(RuntimeOrigin::signed(8), 100, TAO));
	events();
}

#[test]
fn dividends_pay_the_take_at_once_and_stream_the_rest_pro_rata_to_the_rao() {
	build_and_execute(|| {
		validator();
		let issuance = Balances::total_issuance();
		let amount = 1_000_000_007;
		assert_eq!(Stake::credit_dividends(&100, amount), amount);
		// take = floor(18% of 1,000,000,007) = 180,000,001, to the owner now.
		assert_eq!(
			events(),
			vec![Event::DividendsCredited { hotkey: 100, amount, take: 180_000_001, stream_end: 11 }]
		);
		assert_eq!(worth(100, 1), 3 * TAO + 180_000_001);
		assert_eq!((worth(100, 7), worth(100, 8)), (2 * TAO, TAO), "nothing streamed in the block itself");
		assert_eq!(Balances::total_issuance(), issuance, "credited, not minted");
		assert_eq!(TotalOwed::<Test>::get(), amount);
		// The rest, 820,000,006, streams over 10 blocks: 82,000,000 by block 2.
		run_to(2);
		assert_eq!(hotkey_total(100), 6 * TAO + 180_000_001 + 82_000_000);
		// By block 11 all of it, shared by worth: owner 3,180,000,001 of
		// 6,180,000,001, so floor(3,180,000,001 × 7,000,000,007 / 6,180,000,001).
		run_to(11);
		assert_eq!(hotkey_total(100), 6 * TAO + amount);
		assert_eq!((worth(100, 1), worth(100, 7), worth(100, 8)), (3_601_941_751, 2_265_372_170, 1_132_686_085));
		// One rao of the floors is left in the pool: the dust the shares share.
		// Claiming mints exactly the position's rewards onto its hold.
		assert_ok!(Stake::claim(RuntimeOrigin::signed(8), 100));
		assert_eq!(events(), vec![Event::RewardsStaked { coldkey: 8, hotkey: 100, amount: 132_686_085 }]);
		assert_eq!(held(8), 1_132_686_085);
		assert_eq!(Balances::total_issuance(), issuance + 132_686_085);
		assert_eq!(TotalRewardsMinted::<Test>::get(), 132_686_085);
		assert_eq!(TotalOwed::<Test>::get(), amount - 132_686_085);
		assert_eq!(worth(100, 8), 1_132_686_085, "claiming changes the hold, not the worth");
	});
}

#[test]
fn dividends_arriving_mid_stream_join_what_is_left_of_it() {
	build_and_execute(|| {
		validator();
		assert_ok!(Stake::decrease_take(RuntimeOrigin::signed(1), 100, Perbill::zero()));
		Stake::credit_dividends(&100, 1_000);
		run_to(6); // 500 released
		assert_eq!(hotkey_total(100), 6 * TAO + 500);
		Stake::credit_dividends(&100, 1_000);
		// 500 left + 1,000 new, over blocks 6..16.
		run_to(11);
		assert_eq!(hotkey_total(100), 6 * TAO + 500 + 750);
		run_to(16);
		assert_eq!(hotkey_total(100), 6 * TAO + 2_000);
	});
}

#[test]
fn a_lower_take_leaves_more_for_the_stakers() {
	build_and_execute(|| {
		validator();
		assert_ok!(Stake::decrease_take(RuntimeOrigin::signed(1), 100, Perbill::zero()));
		assert_eq!(Stake::credit_dividends(&100, 600), 600);
		run_to(20);
		assert_eq!(worth(100, 1), 3 * TAO + 300);
		assert_eq!(worth(100, 7), 2 * TAO + 200);
		assert_eq!(worth(100, 8), TAO + 100);
	});
}

#[test]
fn dividends_of_a_hotkey_nobody_stakes_on_all_go_to_its_owner() {
	build_and_execute(|| {
		assert_eq!(Stake::credit_dividends(&101, 12_345), 12_345);
		assert_eq!(worth(101, 2), 12_345);
		assert_eq!(held(2), 0, "owed until claimed");
		assert_ok!(Stake::claim(RuntimeOrigin::signed(2), 101));
		assert_eq!(held(2), 12_345);
	});
}

/// An owner that kept only the existential deposit free (on chain, plus the
/// claim's fee) claims every owed rao; one with no free balance at all
/// (which no signed caller is: fees never take the deposit) is told why it
/// cannot, and its rewards stay owed, nothing lost.
#[test]
fn rewards_owed_to_a_coldkey_that_holds_nothing_are_paid_if_its_account_exists() {
	build_and_execute(|| {
		let free = Balances::free_balance(2);
		assert_ok!(Balances::transfer_allow_death(RuntimeOrigin::signed(2), 9, free - EXISTENTIAL_DEPOSIT));
		assert_eq!(Stake::credit_dividends(&101, 700), 700);
		assert_ok!(Stake::claim(RuntimeOrigin::signed(2), 101));
		assert_eq!((held(2), Balances::free_balance(2)), (700, EXISTENTIAL_DEPOSIT));

		// Unstaked and drained, coldkey 2 has no account left.
		assert_ok!(Stake::unstake_all(RuntimeOrigin::signed(2)));
		assert_eq!(held(2), 0);
		assert_ok!(Balances::transfer_all(RuntimeOrigin::signed(2), 9, false));
		assert_eq!(Balances::free_balance(2), 0);
		assert_eq!(Stake::credit_dividends(&101, 900), 900);
		let issuance = Balances::total_issuance();
		assert_noop!(Stake::claim(RuntimeOrigin::signed(2), 101), Error::<Test>::NoExistentialDeposit);
		assert_eq!((worth(101, 2), Balances::total_issuance()), (900, issuance), "still owed, nothing minted");
		// Funded with the deposit, it claims them.
		assert_ok!(Balances::transfer_allow_death(RuntimeOrigin::signed(9), 2, EXISTENTIAL_DEPOSIT));
		assert_ok!(Stake::claim(RuntimeOrigin::signed(2), 101));
		assert_eq!(held(2), 900);
	});
}

#[test]
fn rewards_for_unknown_hotkeys_or_of_zero_credit_nothing() {
	build_and_execute(|| {
		let issuance = Balances::total_issuance();
		assert_eq!(Stake::credit_dividends(&999, 1_000), 0);
		assert_eq!(Stake::credit_incentive(&999, 1_000), 0);
		assert_eq!(Stake::credit_dividends(&100, 0), 0);
		assert_eq!(Stake::credit_incentive(&100, 0), 0);
		assert_eq!(Balances::total_issuance(), issuance);
		assert_eq!(TotalOwed::<Test>::get(), 0);
		assert!(events().is_empty());
	});
}

#[test]
fn incentive_goes_to_the_owner_stake() {
	build_and_execute(|| {
		validator();
		assert_eq!(Stake::credit_incentive(&100, 777), 777);
		assert_eq!(worth(100, 1), 3 * TAO + 777);
		assert_eq!(worth(100, 7), 2 * TAO);
		assert_eq!(events(), vec![Event::IncentiveCredited { hotkey: 100, owner: 1, amount: 777 }]);
		// Removing stake mints the rewards first, so all of it can leave.
		assert_ok!(Stake::remove_stake(RuntimeOrigin::signed(1), 100, 3 * TAO + 777));
		assert_eq!(free(1), INITIAL_BALANCE + 777);
	});
}

/// Shares are minted rounded down, so a credit's shares can be worth a hair
/// under what was credited; where that lands on a whole rao, the floor
/// would show a rao less. A position's base (its worth when it last changed,
/// plus what came in) keeps every credited rao visible.
#[test]
fn every_credited_rao_shows_on_the_owners_position() {
	build_and_execute(|| {
		assert_ok!(Stake::decrease_take(RuntimeOrigin::signed(1), 100, Perbill::zero()));
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(1), 100, MIN_STAKE));
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(7), 100, MIN_STAKE));
		// Two rao streamed to two equal positions: one each, exactly.
		Stake::credit_dividends(&100, 2);
		run_to(1 + StreamBlocks::get());
		assert_eq!((worth(100, 1), worth(100, 7)), (MIN_STAKE + 1, MIN_STAKE + 1));
		// The pool is worth 2,000,001 a 2,000,000 × 2^64 shares: one rao buys
		// floor(2^64 × 2,000,000 / 2,000,001) shares, a hair under a rao.
		for n in 1..=3 {
			assert_eq!(Stake::credit_incentive(&100, 1), 1);
			assert_eq!(worth(100, 1), MIN_STAKE + 1 + n, "incentive {n} shows in full");
			assert_eq!(worth(100, 7), MIN_STAKE + 1, "and costs the nominator nothing");
		}
		assert_ok!(Stake::claim(RuntimeOrigin::signed(1), 100));
		assert_eq!(held(1), MIN_STAKE + 4, "claiming mints every credited rao");
	});
}

#[test]
fn rewards_land_even_past_the_user_limits() {
	build_and_execute(|| {
		MaxPositionsPerColdkey::set(1);
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(1), 100, TAO));
		// Coldkey 1 is at its limit, yet the incentive of a second hotkey it owns lands.
		crate::mock::own(1, 150);
		assert_eq!(Stake::credit_incentive(&150, 5_000), 5_000);
		assert_eq!(worth(150, 1), 5_000);
	});
}

#[test]
fn rewards_still_streaming_when_the_last_staker_leaves_are_forfeited_and_counted() {
	build_and_execute(|| {
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(7), 100, TAO));
		assert_ok!(Stake::decrease_take(RuntimeOrigin::signed(1), 100, Perbill::zero()));
		Stake::credit_dividends(&100, 1_000);
		run_to(4); // 300 released
		events();
		assert_ok!(Stake::remove_stake(RuntimeOrigin::signed(7), 100, TAO + 300));
		assert_eq!(
			events(),
			vec![
				Event::RewardsStaked { coldkey: 7, hotkey: 100, amount: 300 },
				Event::RewardsForfeited { hotkey: 100, amount: 700 },
				Event::StakeRemoved { coldkey: 7, hotkey: 100, amount: TAO + 300, position: 0 },
			]
		);
		let ledger = Stake::ledger();
		assert_eq!((ledger.minted, ledger.owed, ledger.forfeited), (300, 0, 700));
		assert_eq!(crate::Pools::<Test>::iter().count(), 0);
	});
}

#[test]
fn the_pro_rata_split_is_exact_and_deterministic() {
	assert_eq!(split_pro_rata(10, &[1, 1, 1]), vec![4, 3, 3], "ties to the earlier entry");
	assert_eq!(split_pro_rata(0, &[1, 2]), vec![0, 0]);
	assert_eq!(split_pro_rata(5, &[0, 0]), vec![0, 0]);
	assert_eq!(split_pro_rata(u64::MAX, &[u64::MAX, 1]).iter().map(|x| *x as u128).sum::<u128>(), u64::MAX as u128);
}
