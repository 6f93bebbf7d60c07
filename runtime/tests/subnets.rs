//! pallet-subnets inside the runtime: the constants it runs with, and a dev
//! user's first steps (a subnet, a neuron, an endpoint, a hyperparameter).

#![allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::expect_used, clippy::unwrap_used)]

use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, IntegrityTest},
};
use pallet_subnets::{Hyperparameter, SubnetHyperparams};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie};
use yuma_primitives::SubnetRegistry;
use yuma_runtime::{
	currency::TAO, AllPalletsWithSystem, Balances, Runtime, RuntimeHoldReason, RuntimeOrigin, Subnets,
};

mod common;
use common::*;

type Error = pallet_subnets::Error<Runtime>;

#[test]
fn every_pallet_passes_its_integrity_test() {
	state_of("development").execute_with(AllPalletsWithSystem::integrity_test);
}

#[test]
fn genesis_has_the_root_subnet_only() {
	for preset in ["development", "local_testnet"] {
		state_of(preset).execute_with(|| {
			assert_eq!(Subnets::netuids(), vec![0]);
			let root = Subnets::hyperparams(0).unwrap();
			assert_eq!(root, SubnetHyperparams { max_allowed_uids: 64, ..Default::default() });
			assert_eq!(pallet_subnets::SubnetCount::<Runtime>::get(), 1);
			Subnets::do_try_state().unwrap();
		});
	}
}

#[test]
fn a_dev_user_registers_a_subnet_a_neuron_and_an_axon() {
	state_of("development").execute_with(|| {
		let (alice, bob, charlie) = (account(Alice), account(Bob), account(Charlie));
		assert_ok!(Subnets::register_network(RuntimeOrigin::signed(alice.clone())));
		let hold = RuntimeHoldReason::Subnets(pallet_subnets::HoldReason::NetworkLock);
		assert_eq!(Balances::balance_on_hold(&hold, &alice), 1_000 * TAO);
		assert_eq!(Subnets::owner(1), Some(alice.clone()));
		// The next network costs twice as much, and waits out the rate limit (10 blocks on a dev chain).
		assert_eq!(Subnets::network_lock_cost(1), 2_000 * TAO);
		assert_noop!(Subnets::register_network(RuntimeOrigin::signed(bob.clone())), Error::NetworkRateLimited);

		let issuance = Balances::total_issuance();
		assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(bob.clone()), 1, charlie.clone()));
		assert_eq!(Balances::total_issuance(), issuance - TAO, "the 1 TAO burn is recycled");
		assert_eq!(Subnets::uid_of(1, &charlie), Some(0));
		assert_ok!(Subnets::serve_axon(RuntimeOrigin::signed(charlie.clone()), 1, 1, 0x7f00_0001, 8091, 4, 0));

		assert_ok!(Subnets::set_hyperparameter(RuntimeOrigin::signed(alice.clone()), 1, Hyperparameter::MaxWeightLimit(40_000)));
		assert_noop!(
			Subnets::set_hyperparameter(RuntimeOrigin::signed(alice), 1, Hyperparameter::Tempo(10)),
			Error::RootOnlyHyperparameter
		);
		assert_ok!(Subnets::set_hyperparameter(RuntimeOrigin::root(), 1, Hyperparameter::Tempo(10)));
		assert_eq!(Subnets::hyperparams(1).unwrap().tempo, 10);
		Subnets::do_try_state().unwrap();
	});
}
