//! What other pallets read through `SubnetRegistry`.

use frame_support::assert_ok;
use yuma_primitives::SubnetRegistry;

use crate::{mock::*, PruningScores, SubnetEmission};

#[test]
fn the_registry_answers_from_storage() {
	ExtBuilder::build_and_execute(|| {
		let netuid = add_network(1);
		assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(2), netuid, 100));
		run_to_block(2);
		assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(2), netuid, 101));
		assert!(Subnets::exists(netuid) && !Subnets::exists(9));
		assert_eq!(Subnets::netuids(), vec![0, netuid]);
		assert_eq!(Subnets::owner(netuid), Some(1));
		assert_eq!(Subnets::neuron_count(netuid), 2);
		assert_eq!(Subnets::uid_of(netuid, &101), Some(1));
		assert_eq!(Subnets::hotkey_of(netuid, 1), Some(101));
		assert_eq!(Subnets::hotkey_of(netuid, 2), None);
		assert_eq!(Subnets::registered_at(netuid), vec![1, 2]);
		assert_eq!(Subnets::hotkey_owner(&100), Some(2));
		assert_eq!(Subnets::hyperparams(netuid).unwrap().tempo, 360);
	});
}

#[test]
fn note_epoch_keeps_one_score_per_uid_and_the_subnet_total() {
	ExtBuilder::build_and_execute(|| {
		let netuid = add_network(1);
		assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(2), netuid, 100));
		run_to_block(2);
		assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(2), netuid, 101));
		Subnets::note_epoch(netuid, &[7]);
		assert_eq!(PruningScores::<Test>::get(netuid).into_inner(), vec![7, 0]);
		Subnets::note_epoch(netuid, &[1, 2, 3]);
		assert_eq!(PruningScores::<Test>::get(netuid).into_inner(), vec![1, 2]);
		assert_eq!(SubnetEmission::<Test>::get(netuid), 6);
		Subnets::note_epoch(9, &[1]);
		assert_eq!(SubnetEmission::<Test>::get(9), 0, "unknown subnets are ignored");
	});
}
