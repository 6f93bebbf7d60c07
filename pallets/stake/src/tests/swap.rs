//! Hotkey swaps.

use frame_support::{assert_noop, assert_ok};
use sp_runtime::Perbill;
use yuma_primitives::SubnetRegistry;

use crate::{mock::*, Error, Event, Stake as Position, StakerCount, Takes, TotalHotkeyStake};

#[test]
fn a_swap_moves_stake_nominations_and_take_and_burns_the_fee() {
	build_and_execute(|| {
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(1), 100, 3 * TAO));
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(7), 100, 2 * TAO));
		assert_ok!(Stake::decrease_take(RuntimeOrigin::signed(1), 100, Perbill::from_percent(9)));
		events();
		let issuance = Balances::total_issuance();
		assert_ok!(Stake::swap_hotkey(RuntimeOrigin::signed(1), 100, 200));
		assert_eq!(events(), vec![Event::HotkeySwapped { coldkey: 1, old_hotkey: 100, new_hotkey: 200, fee: TAO }]);
		assert_eq!(Balances::total_issuance(), issuance - TAO, "the fee is burned");
		assert_eq!(free(1), INITIAL_BALANCE - 3 * TAO - TAO);
		assert_eq!((Position::<Test>::get(200, 1), Position::<Test>::get(200, 7)), (3 * TAO, 2 * TAO));
		assert_eq!(TotalHotkeyStake::<Test>::get(200), 5 * TAO);
		assert_eq!(StakerCount::<Test>::get(200), 2);
		assert!(!TotalHotkeyStake::<Test>::contains_key(100));
		assert_eq!(Takes::<Test>::get(200), Some(Perbill::from_percent(9)));
		assert_eq!(swaps(), vec![(100, 200)], "the registry moved the uids");
		assert_eq!(MockRegistry::hotkey_owner(&200), Some(1));
	});
}

#[test]
fn swaps_need_the_owner_a_fresh_key_and_the_fee() {
	build_and_execute(|| {
		assert_noop!(Stake::swap_hotkey(RuntimeOrigin::signed(2), 100, 200), Error::<Test>::NotHotkeyOwner);
		assert_noop!(Stake::swap_hotkey(RuntimeOrigin::signed(1), 999, 200), Error::<Test>::HotkeyNotFound);
		assert_noop!(Stake::swap_hotkey(RuntimeOrigin::signed(1), 100, 100), Error::<Test>::NewHotkeyInUse);
		assert_noop!(Stake::swap_hotkey(RuntimeOrigin::signed(1), 100, 101), Error::<Test>::NewHotkeyInUse);
		own(21, 300);
		assert_noop!(Stake::swap_hotkey(RuntimeOrigin::signed(21), 300, 301), Error::<Test>::InsufficientBalance);
		assert!(swaps().is_empty());
	});
}
