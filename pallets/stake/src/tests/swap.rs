//! Hotkey swaps.

use frame_support::{assert_noop, assert_ok};
use sp_runtime::Perbill;
use yuma_primitives::SubnetRegistry;

use crate::{mock::*, Error, Event, Takes};

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
		assert_eq!((worth(200, 1), worth(200, 7)), (3 * TAO, 2 * TAO));
		assert_eq!(hotkey_total(200), 5 * TAO);
		assert_eq!(stakers(200), 2);
		assert_eq!((hotkey_total(100), stakers(100)), (0, 0), "nothing left on the old key");
		assert!(!crate::Pools::<Test>::contains_key(100));
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

#[test]
fn a_swap_moves_a_pool_of_any_size_with_its_stream_in_one_write() {
	build_and_execute(|| {
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(1), 100, 3 * TAO));
		for nominator in 7..20 {
			assert_ok!(Stake::add_stake(RuntimeOrigin::signed(nominator), 100, TAO));
		}
		<Stake as yuma_primitives::StakeRewards<u64>>::credit_dividends(&100, 1_000_000);
		run_to(4);
		let before: Vec<u64> = (7..20).map(|c| worth(100, c)).collect();
		let id = crate::Pools::<Test>::get(100).unwrap().id;
		assert_ok!(Stake::swap_hotkey(RuntimeOrigin::signed(1), 100, 200));
		assert_eq!(crate::Pools::<Test>::get(200).map(|p| p.id), Some(id), "the same pool, moved");
		assert_eq!(crate::PoolHotkey::<Test>::get(id), Some(200));
		assert_eq!((7..20).map(|c| worth(200, c)).collect::<Vec<_>>(), before);
		run_to(1 + StreamBlocks::get());
		assert!(worth(200, 7) > before[0], "the stream goes on under the new key");
	});
}
