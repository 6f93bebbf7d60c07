//! Rewards minted into stake, checked to the rao.

use frame_support::assert_ok;
use sp_runtime::Perbill;
use yuma_primitives::StakeRewards;

use yuma_primitives::split_pro_rata;

use crate::{mock::*, Event, Stake as Position, TotalHotkeyStake};

/// Hotkey 100 (owner 1): owner 3 TAO, nominators 7 and 8 with 2 and 1 TAO.
fn validator() {
	assert_ok!(Stake::add_stake(RuntimeOrigin::signed(1), 100, 3 * TAO));
	assert_ok!(Stake::add_stake(RuntimeOrigin::signed(7), 100, 2 * TAO));
	assert_ok!(Stake::add_stake(RuntimeOrigin::signed(8), 100, TAO));
	events();
}

#[test]
fn dividends_pay_the_take_to_the_owner_and_the_rest_pro_rata_to_the_rao() {
	build_and_execute(|| {
		validator();
		let issuance = Balances::total_issuance();
		let amount = 1_000_000_007;
		assert_eq!(Stake::credit_dividends(&100, amount), amount);
		// take = floor(18% of 1,000,000,007) = 180,000,001; rest 820,000,006
		// split 3:2:1 = 410,000,003 | 273,333,335 (rem 2/6) | 136,666,667 (rem 4/6),
		// and the one rao left goes to the largest remainder: coldkey 8.
		assert_eq!(Position::<Test>::get(100, 1), 3 * TAO + 180_000_001 + 410_000_003);
		assert_eq!(Position::<Test>::get(100, 7), 2 * TAO + 273_333_335);
		assert_eq!(Position::<Test>::get(100, 8), TAO + 136_666_668);
		assert_eq!(TotalHotkeyStake::<Test>::get(100), 6 * TAO + amount);
		assert_eq!(Balances::total_issuance(), issuance + amount, "minted, exactly");
		assert_eq!(held(8), TAO + 136_666_668, "held on the nominator's account");
		assert_eq!(events(), vec![Event::DividendsCredited { hotkey: 100, amount, take: 180_000_001 }]);
	});
}

#[test]
fn a_lower_take_leaves_more_for_the_stakers() {
	build_and_execute(|| {
		validator();
		assert_ok!(Stake::decrease_take(RuntimeOrigin::signed(1), 100, Perbill::zero()));
		assert_eq!(Stake::credit_dividends(&100, 600), 600);
		assert_eq!(Position::<Test>::get(100, 1), 3 * TAO + 300);
		assert_eq!(Position::<Test>::get(100, 7), 2 * TAO + 200);
		assert_eq!(Position::<Test>::get(100, 8), TAO + 100);
	});
}

#[test]
fn dividends_of_a_hotkey_nobody_stakes_on_all_go_to_its_owner() {
	build_and_execute(|| {
		assert_eq!(Stake::credit_dividends(&101, 12_345), 12_345);
		assert_eq!(Position::<Test>::get(101, 2), 12_345);
		assert_eq!(held(2), 12_345);
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
	});
}

#[test]
fn incentive_goes_to_the_owner_stake() {
	build_and_execute(|| {
		validator();
		let issuance = Balances::total_issuance();
		assert_eq!(Stake::credit_incentive(&100, 777), 777);
		assert_eq!(Position::<Test>::get(100, 1), 3 * TAO + 777);
		assert_eq!(Position::<Test>::get(100, 7), 2 * TAO);
		assert_eq!(Balances::total_issuance(), issuance + 777);
		assert_eq!(events(), vec![Event::IncentiveCredited { hotkey: 100, owner: 1, amount: 777 }]);
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
		assert_eq!(Position::<Test>::get(150, 1), 5_000);
	});
}

#[test]
fn the_pro_rata_split_is_exact_and_deterministic() {
	assert_eq!(split_pro_rata(10, &[1, 1, 1]), vec![4, 3, 3], "ties to the earlier entry");
	assert_eq!(split_pro_rata(0, &[1, 2]), vec![0, 0]);
	assert_eq!(split_pro_rata(5, &[0, 0]), vec![0, 0]);
	assert_eq!(split_pro_rata(u64::MAX, &[u64::MAX, 1]).iter().map(|x| *x as u128).sum::<u128>(), u64::MAX as u128);
	let mut x: u64 = 7;
	for _ in 0..500 {
		x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
		let amount = x >> (x % 40);
		let weights: Vec<u64> = (0..(x % 9 + 1)).map(|k| (x.rotate_left(k as u32 * 7)) >> (x % 50)).collect();
		let shares = split_pro_rata(amount, &weights);
		if weights.iter().any(|w| *w > 0) {
			assert_eq!(shares.iter().map(|s| *s as u128).sum::<u128>(), amount as u128);
		}
		for (s, w) in shares.iter().zip(&weights) {
			let exact = amount as u128 * *w as u128 / weights.iter().map(|w| *w as u128).sum::<u128>().max(1);
			assert!(*s as u128 == exact || *s as u128 == exact + 1, "within one rao of the exact share");
		}
	}
}
