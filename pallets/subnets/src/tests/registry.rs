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

#[test]
fn a_swapped_hotkey_keeps_its_uids_endpoints_commitments_and_owner() {
	use crate::{Axons, Commitments, HotkeyOwner, Keys, Uids};
	use yuma_primitives::HotkeySwap;
	ExtBuilder::build_and_execute(|| {
		let a = add_network(1);
		pass_network_rate_limit();
		let b = add_network(1);
		assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(2), a, 100));
		assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(2), b, 100));
		assert_ok!(Subnets::serve_axon(RuntimeOrigin::signed(100), a, 1, 1, 80, 4, 0));
		assert_ok!(Subnets::commit(RuntimeOrigin::signed(100), b, vec![1, 2]));
		let axon = Axons::<Test>::get(a, 100);
		<Subnets as HotkeySwap<_>>::swap_hotkey(&100, &200);
		for netuid in [a, b] {
			assert_eq!(Uids::<Test>::get(netuid, 200), Some(0));
			assert_eq!(Uids::<Test>::get(netuid, 100), None);
			assert_eq!(Keys::<Test>::get(netuid, 0), Some(200));
		}
		assert_eq!(Axons::<Test>::get(a, 200), axon);
		assert_eq!(Axons::<Test>::get(a, 100), None);
		assert_eq!(Commitments::<Test>::get(b, 200).unwrap().data.into_inner(), vec![1, 2]);
		assert_eq!(HotkeyOwner::<Test>::get(200), Some(2));
		assert_eq!(HotkeyOwner::<Test>::get(100), None);
	});
}

/// The registry's part of a hotkey swap grows with the subnets the hotkey is
/// in; the call declares the most it can be before dispatch. A hotkey in
/// every subnet there can be (the limit, root included) stays within it.
#[test]
fn a_swap_of_a_hotkey_in_every_subnet_looks_at_no_more_subnets_than_declared() {
	use yuma_primitives::HotkeySwap;
	ExtBuilder::build_and_execute(|| {
		let limit = SubnetLimit::get();
		for _ in 1..limit {
			let netuid = add_network(1);
			pass_network_rate_limit();
			assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(2), netuid, 100));
		}
		assert_ok!(Subnets::root_register(RuntimeOrigin::signed(2), 100));
		assert_eq!(crate::SubnetCount::<Test>::get(), limit, "root and every subnet");
		let looked = <Subnets as HotkeySwap<_>>::swap_hotkey(&100, &200);
		let declared = <Subnets as HotkeySwap<u64>>::max_subnets();
		assert_eq!(looked, declared, "the worst case is the declared one");
		assert_eq!(crate::Uids::<Test>::get(crate::ROOT_NETUID, 200), Some(0));
	});
}
