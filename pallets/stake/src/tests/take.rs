//! Delegate take.

use frame_support::{assert_noop, assert_ok};
use sp_runtime::Perbill;

use crate::{mock::*, Error, Event};

#[test]
fn takes_start_at_the_maximum_and_go_down_any_time() {
	build_and_execute(|| {
		assert_eq!(Stake::take_of(&100), Perbill::from_percent(18));
		assert_ok!(Stake::decrease_take(RuntimeOrigin::signed(1), 100, Perbill::from_percent(10)));
		assert_ok!(Stake::decrease_take(RuntimeOrigin::signed(1), 100, Perbill::from_percent(5)));
		assert_eq!(Stake::take_of(&100), Perbill::from_percent(5));
		assert_eq!(
			events().last(),
			Some(&Event::TakeDecreased { hotkey: 100, from: Perbill::from_percent(10), to: Perbill::from_percent(5) })
		);
		assert_noop!(
			Stake::decrease_take(RuntimeOrigin::signed(1), 100, Perbill::from_percent(5)),
			Error::<Test>::TakeOutOfRange
		);
		assert_noop!(
			Stake::decrease_take(RuntimeOrigin::signed(2), 100, Perbill::from_percent(1)),
			Error::<Test>::NotHotkeyOwner
		);
		assert_noop!(
			Stake::decrease_take(RuntimeOrigin::signed(1), 999, Perbill::from_percent(1)),
			Error::<Test>::HotkeyNotFound
		);
	});
}

#[test]
fn takes_go_up_to_the_maximum_once_per_interval() {
	build_and_execute(|| {
		assert_noop!(
			Stake::increase_take(RuntimeOrigin::signed(1), 100, Perbill::from_percent(19)),
			Error::<Test>::TakeOutOfRange
		);
		assert_ok!(Stake::decrease_take(RuntimeOrigin::signed(1), 100, Perbill::from_percent(5)));
		assert_noop!(
			Stake::increase_take(RuntimeOrigin::signed(1), 100, Perbill::from_percent(5)),
			Error::<Test>::TakeOutOfRange
		);
		System::set_block_number(1 + 216_000);
		assert_ok!(Stake::increase_take(RuntimeOrigin::signed(1), 100, Perbill::from_percent(8)));
		assert_eq!(
			events().last(),
			Some(&Event::TakeIncreased { hotkey: 100, from: Perbill::from_percent(5), to: Perbill::from_percent(8) })
		);
		System::set_block_number(1 + 2 * 216_000 - 1);
		assert_noop!(
			Stake::increase_take(RuntimeOrigin::signed(1), 100, Perbill::from_percent(9)),
			Error::<Test>::TakeIncreaseTooSoon
		);
		System::set_block_number(1 + 2 * 216_000);
		assert_ok!(Stake::increase_take(RuntimeOrigin::signed(1), 100, Perbill::from_percent(18)));
		assert_noop!(
			Stake::increase_take(RuntimeOrigin::signed(2), 100, Perbill::from_percent(18)),
			Error::<Test>::NotHotkeyOwner
		);
	});
}

/// The attack: a validator lowers its take to 0% to draw nominators, then
/// raises it to 18% at once. The first increase waits a whole interval after
/// the decrease, as every later one; a later decrease restarts the clock.
#[test]
fn a_take_lowered_to_draw_nominators_cannot_jump_back_at_once() {
	build_and_execute(|| {
		System::set_block_number(10);
		assert_ok!(Stake::decrease_take(RuntimeOrigin::signed(1), 100, Perbill::zero()));
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(7), 100, 5 * TAO));
		for block in [10, 11, 10 + 216_000 - 1] {
			System::set_block_number(block);
			assert_noop!(
				Stake::increase_take(RuntimeOrigin::signed(1), 100, Perbill::from_percent(18)),
				Error::<Test>::TakeIncreaseTooSoon
			);
		}
		assert_eq!(Stake::take_of(&100), Perbill::zero(), "nominators keep the take they joined at");
		System::set_block_number(10 + 216_000);
		assert_ok!(Stake::increase_take(RuntimeOrigin::signed(1), 100, Perbill::from_percent(2)));
		assert_eq!(crate::LastTakeChange::<Test>::get(100), Some(10 + 216_000));
		// A decrease, even by a hair, restarts the clock.
		System::set_block_number(10 + 2 * 216_000);
		assert_ok!(Stake::decrease_take(RuntimeOrigin::signed(1), 100, Perbill::from_percent(1)));
		System::set_block_number(10 + 3 * 216_000 - 1);
		assert_noop!(
			Stake::increase_take(RuntimeOrigin::signed(1), 100, Perbill::from_percent(18)),
			Error::<Test>::TakeIncreaseTooSoon
		);
		System::set_block_number(10 + 3 * 216_000);
		assert_ok!(Stake::increase_take(RuntimeOrigin::signed(1), 100, Perbill::from_percent(18)));
	});
}
