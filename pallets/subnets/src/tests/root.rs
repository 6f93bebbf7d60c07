//! The root subnet: the hotkeys with the most stake.

use frame_support::{assert_noop, assert_ok};
use yuma_primitives::SubnetRegistry;

use crate::{mock::*, Error, Event, Keys, SubnetN};

#[test]
fn root_exists_from_genesis_and_sized_for_its_members() {
	ExtBuilder::build_and_execute(|| {
		assert!(Subnets::exists(0));
		assert_eq!(Subnets::hyperparams(0).unwrap().max_allowed_uids, 3);
		assert_eq!(Subnets::owner(0), None);
	});
}

#[test]
fn hotkeys_join_root_while_there_is_room() {
	ExtBuilder::build_and_execute(|| {
		assert_ok!(Subnets::root_register(RuntimeOrigin::signed(1), 100));
		assert_eq!(
			events(),
			vec![Event::NeuronRegistered { netuid: 0, uid: 0, hotkey: 100, coldkey: 1, replaced: None, burned: 0 }]
		);
		assert_ok!(Subnets::root_register(RuntimeOrigin::signed(1), 101));
		assert_ok!(Subnets::root_register(RuntimeOrigin::signed(2), 102));
		assert_eq!(SubnetN::<Test>::get(0), 3);
		assert_eq!(free(1), INITIAL_BALANCE, "joining root costs nothing");
		assert_noop!(Subnets::root_register(RuntimeOrigin::signed(1), 100), Error::<Test>::AlreadyRegistered);
		assert_noop!(Subnets::root_register(RuntimeOrigin::signed(2), 101), Error::<Test>::NotHotkeyOwner);
	});
}

#[test]
fn a_newcomer_with_more_stake_replaces_the_member_with_the_least() {
	ExtBuilder::build_and_execute(|| {
		set_stake(100, 500);
		set_stake(101, 200);
		set_stake(102, 900);
		for hotkey in 100..103 {
			assert_ok!(Subnets::root_register(RuntimeOrigin::signed(1), hotkey));
		}
		events();
		// Not more than the least (200): refused, nothing changes.
		set_stake(103, 200);
		assert_noop!(Subnets::root_register(RuntimeOrigin::signed(2), 103), Error::<Test>::StakeTooLowForRoot);
		set_stake(103, 201);
		assert_ok!(Subnets::root_register(RuntimeOrigin::signed(2), 103));
		assert_eq!(
			events(),
			vec![Event::NeuronRegistered { netuid: 0, uid: 1, hotkey: 103, coldkey: 2, replaced: Some(101), burned: 0 }]
		);
		assert_eq!(Subnets::uid_of(0, &101), None);
		assert_eq!(Keys::<Test>::get(0, 1), Some(103));
		assert_eq!(replaced_uids(), vec![(0, 1)]);
	});
}

#[test]
fn among_equally_staked_members_the_higher_uid_leaves() {
	ExtBuilder::build_and_execute(|| {
		for hotkey in 100..103 {
			set_stake(hotkey, 50);
			assert_ok!(Subnets::root_register(RuntimeOrigin::signed(1), hotkey));
		}
		set_stake(103, 51);
		assert_ok!(Subnets::root_register(RuntimeOrigin::signed(1), 103));
		assert_eq!(Keys::<Test>::get(0, 2), Some(103));
	});
}
