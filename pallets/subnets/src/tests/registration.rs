//! Burned registration, uid slots, pruning of neurons, immunity, and the
//! adjustment of burn and difficulty.

use frame_support::{assert_noop, assert_ok};
use yuma_primitives::SubnetRegistry;

use crate::{
	mock::*, Axons, Error, Event, HotkeyOwner, Hyperparameter as H, Hyperparams, Keys,
	PruningScores, RegisteredAt, SubnetN, Uids,
};

fn subnet() -> u16 {
	let netuid = add_network(1);
	events();
	netuid
}

#[test]
fn burned_register_burns_the_burn_and_appends_a_uid() {
	ExtBuilder::build_and_execute(|| {
		let netuid = subnet();
		let issuance = Balances::total_issuance();
		assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(2), netuid, 100));
		assert_eq!(
			events(),
			vec![Event::NeuronRegistered { netuid, uid: 0, hotkey: 100, coldkey: 2, replaced: None, burned: TAO }]
		);
		assert_eq!(free(2), INITIAL_BALANCE - TAO);
		assert_eq!(Balances::total_issuance(), issuance - TAO, "the burn leaves total issuance");
		assert_eq!(SubnetN::<Test>::get(netuid), 1);
		assert_eq!(Keys::<Test>::get(netuid, 0), Some(100));
		assert_eq!(Uids::<Test>::get(netuid, 100), Some(0));
		assert_eq!(HotkeyOwner::<Test>::get(100), Some(2));
		assert_eq!(RegisteredAt::<Test>::get(netuid).into_inner(), vec![1]);
		assert_eq!(PruningScores::<Test>::get(netuid).into_inner(), vec![0]);

		run_to_block(2);
		assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(3), netuid, 101));
		assert_eq!(Subnets::uid_of(netuid, &101), Some(1));
		assert_eq!(Subnets::registered_at(netuid), vec![1, 2]);
	});
}

#[test]
fn registration_errors_are_named_and_take_nothing() {
	ExtBuilder::build_and_execute(|| {
		let netuid = subnet();
		let reg = |cold: u64, net: u16, hot: u64| Subnets::burned_register(RuntimeOrigin::signed(cold), net, hot);
		assert_noop!(reg(2, 9, 100), Error::<Test>::SubnetNotFound);
		assert_noop!(reg(2, 0, 100), Error::<Test>::UseRootRegister);
		assert_noop!(reg(21, netuid, 100), Error::<Test>::InsufficientBalance);

		assert_ok!(reg(2, netuid, 100));
		// One registration per block by default.
		assert_noop!(reg(3, netuid, 101), Error::<Test>::TooManyRegistrationsThisBlock);
		run_to_block(2);
		assert_noop!(reg(2, netuid, 100), Error::<Test>::AlreadyRegistered);
		assert_noop!(reg(3, netuid, 100), Error::<Test>::NotHotkeyOwner);

		root_set(netuid, H::RegistrationAllowed(false));
		assert_noop!(reg(3, netuid, 101), Error::<Test>::RegistrationDisabled);
	});
}

#[test]
fn a_hotkey_may_hold_one_uid_in_each_subnet() {
	ExtBuilder::build_and_execute(|| {
		let a = subnet();
		pass_network_rate_limit();
		let b = subnet();
		assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(2), a, 100));
		assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(2), b, 100));
		assert_eq!((Subnets::uid_of(a, &100), Subnets::uid_of(b, &100)), (Some(0), Some(0)));
	});
}

/// A subnet of 3 uids (hotkeys 100, 101, 102 registered at blocks 1, 2, 3),
/// immunity 10 blocks.
fn full_subnet() -> u16 {
	let netuid = subnet();
	root_set(netuid, H::MaxAllowedUids(3));
	root_set(netuid, H::ImmunityPeriod(10));
	for hotkey in 100..103 {
		assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(2), netuid, hotkey));
		run_to_block(System::block_number() + 1);
	}
	events();
	netuid
}

#[test]
fn a_full_subnet_replaces_the_lowest_pruning_score_past_immunity() {
	ExtBuilder::build_and_execute(|| {
		let netuid = full_subnet();
		run_to_block(20);
		assert_ok!(Subnets::serve_axon(RuntimeOrigin::signed(101), netuid, 1, 0x0a00_0001, 1, 4, 0));
		Subnets::note_epoch(netuid, &[5, 1, 3]);
		assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(3), netuid, 200));
		assert_eq!(
			events()[1],
			Event::NeuronRegistered { netuid, uid: 1, hotkey: 200, coldkey: 3, replaced: Some(101), burned: TAO }
		);
		assert_eq!(SubnetN::<Test>::get(netuid), 3);
		assert_eq!(Keys::<Test>::get(netuid, 1), Some(200));
		assert_eq!(Uids::<Test>::get(netuid, 101), None);
		assert_eq!(Axons::<Test>::get(netuid, 101), None, "the old neuron's endpoint is gone");
		assert_eq!(RegisteredAt::<Test>::get(netuid).into_inner(), vec![1, 20, 3]);
		assert_eq!(PruningScores::<Test>::get(netuid).into_inner(), vec![5, 0, 3]);
		assert_eq!(replaced_uids(), vec![(netuid, 1)], "other pallets are told");
		// The replaced hotkey still belongs to its coldkey.
		assert_eq!(HotkeyOwner::<Test>::get(101), Some(2));
	});
}

#[test]
fn pruning_ties_go_to_the_earlier_registration_then_the_lower_uid() {
	ExtBuilder::build_and_execute(|| {
		let netuid = full_subnet();
		run_to_block(20);
		Subnets::note_epoch(netuid, &[4, 4, 4]);
		assert_eq!(Subnets::neuron_to_prune(netuid, 10, 20), Some(0), "earliest registration");
		// Same block, same score: the lower uid.
		RegisteredAt::<Test>::mutate(netuid, |r| r[0] = 2);
		assert_eq!(Subnets::neuron_to_prune(netuid, 10, 20), Some(0));
		RegisteredAt::<Test>::mutate(netuid, |r| r[0] = 1);
	});
}

#[test]
fn immune_neurons_are_skipped_while_one_is_past_immunity() {
	ExtBuilder::build_and_execute(|| {
		let netuid = full_subnet(); // registered at 1, 2, 3; now block 4
		Subnets::note_epoch(netuid, &[9, 8, 0]);
		run_to_block(12);
		// Uid 2 (block 3) is immune until block 13, uids 0 and 1 are not: uid 1
		// goes, though uid 2 scores lower.
		assert_eq!(Subnets::neuron_to_prune(netuid, 10, 12), Some(1));
		assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(3), netuid, 200));
		assert_eq!(Keys::<Test>::get(netuid, 1), Some(200));
		assert_eq!(Keys::<Test>::get(netuid, 2), Some(102), "the immune uid stays");
	});
}

/// The squat: a coldkey fills every slot of a subnet within one immunity
/// period, so that every uid is immune. A newcomer still registers: among
/// immune neurons the lowest pruning score goes (ties: the earlier
/// registration), so the squatter's fresh, unscored uids go before a
/// neuron an epoch has scored, and the newcomer pays only for its own slot.
#[test]
fn a_subnet_whose_every_uid_is_immune_still_takes_a_newcomer() {
	ExtBuilder::build_and_execute(|| {
		let netuid = subnet();
		root_set(netuid, H::MaxAllowedUids(4));
		root_set(netuid, H::ImmunityPeriod(1_000));
		// An honest miner, then an epoch that scores it.
		assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(2), netuid, 100));
		run_to_block(System::block_number() + 1);
		Subnets::note_epoch(netuid, &[7]);
		// The squatter (coldkey 3) takes the other three slots, one a block.
		for hotkey in 300..303 {
			assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(3), netuid, hotkey));
			run_to_block(System::block_number() + 1);
		}
		assert_eq!(SubnetN::<Test>::get(netuid), 4);
		let now = System::block_number();
		let registered = RegisteredAt::<Test>::get(netuid);
		assert!(registered.iter().all(|at| now < at + 1_000), "every uid is immune");
		events();
		let burn = Hyperparams::<Test>::get(netuid).unwrap().burn;
		let before = free(4);
		assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(4), netuid, 400));
		assert_eq!(
			events(),
			vec![Event::NeuronRegistered { netuid, uid: 1, hotkey: 400, coldkey: 4, replaced: Some(300), burned: burn }]
		);
		assert_eq!(free(4), before - burn, "the newcomer paid its own burn, no more");
		assert_eq!(Keys::<Test>::get(netuid, 0), Some(100), "the scored miner stays");
		// The squatter's next uid goes next, then its last; the honest miner
		// outlasts them all.
		run_to_block(System::block_number() + 1);
		assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(4), netuid, 401));
		assert_eq!(Keys::<Test>::get(netuid, 2), Some(401));
		assert_eq!(Subnets::neuron_to_prune(netuid, 1_000, System::block_number()), Some(3));
	});
}

#[test]
fn burn_and_difficulty_follow_registrations_every_interval() {
	ExtBuilder::build_and_execute(|| {
		let netuid = subnet(); // block 1: first adjustment at 101, then every 100
		root_set(netuid, H::MaxRegsPerBlock(10));
		root_set(netuid, H::MaxDifficulty(1 << 40));
		let hp = |f: fn(&yuma_primitives::SubnetHyperparams) -> u64| f(&Hyperparams::<Test>::get(netuid).unwrap());
		let cost_events = || {
			events()
				.into_iter()
				.filter(|e| matches!(e, Event::RegistrationCostAdjusted { .. }))
				.collect::<Vec<_>>()
		};
		// Interval 1: 4 burned registrations, target 2: the burn x (4 + 2) / 4
		// = 1.5; no work: the difficulty x (0 + 2) / 4, clamped at its minimum.
		for hotkey in 100..104 {
			assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(2), netuid, hotkey));
		}
		events();
		run_to_block(101);
		assert_eq!(
			cost_events(),
			vec![Event::RegistrationCostAdjusted {
				netuid,
				burned: 4,
				by_work: 0,
				burn: (TAO, 1_500_000_000),
				difficulty: (10_000_000, 10_000_000),
			}]
		);
		// Interval 2: none: x 1/2.
		run_to_block(201);
		assert_eq!(hp(|h| h.burn), 750_000_000);
		assert_eq!(hp(|h| h.difficulty), 10_000_000, "clamped at min_difficulty");
		// Interval 3: exactly the target: unchanged.
		assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(2), netuid, 104));
		run_to_block(202);
		assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(2), netuid, 105));
		run_to_block(301);
		assert_eq!(hp(|h| h.burn), 750_000_000);
		// Long quiet: the burn halves each interval down to min_burn.
		run_to_block(2_001);
		assert_eq!(hp(|h| h.burn), TAO / 2_000);
		// Many registrations: up to max_burn.
		root_set(netuid, H::MaxBurn(TAO));
		root_set(netuid, H::TargetRegsPerInterval(1));
		root_set(netuid, H::MaxAllowedUids(4_096));
		for round in 0..12u64 {
			for k in 0..10u64 {
				assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(3), netuid, 1_000 + round * 10 + k));
			}
			run_to_block(2_001 + 100 * (round + 1));
		}
		assert_eq!(hp(|h| h.burn), TAO, "clamped at max_burn");
	});
}
