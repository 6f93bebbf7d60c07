//! Subnets created by governance (`create_subnet`) and dissolved by it.

use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold, BoundedVec};
use sp_runtime::DispatchError;
use yuma_primitives::SubnetHyperparams;

use crate::{
	mock::*, Error, Event, HoldReason, Hyperparameter, Hyperparams, LastNetworkLock, LastNetworkRegistration,
	Networks, SubnetCount,
};

fn proposal(changes: Vec<Hyperparameter>) -> BoundedVec<Hyperparameter, frame_support::traits::ConstU32<32>> {
	BoundedVec::truncate_from(changes)
}

#[test]
fn governance_creates_a_subnet_for_its_owner_with_its_hyperparameters_and_no_lock() {
	ExtBuilder::build_and_execute(|| {
		add_network(1);
		let (lock, last) = (LastNetworkLock::<Test>::get(), LastNetworkRegistration::<Test>::get());
		let free_before = free(7);
		let changes = vec![Hyperparameter::Tempo(99), Hyperparameter::MaxAllowedUids(512), Hyperparameter::Kappa(40_000)];
		// Within the network rate limit of the registration above.
		assert_ok!(Subnets::create_subnet(RuntimeOrigin::root(), 7, proposal(changes)));
		assert_eq!(events(), vec![Event::NetworkRegistered { netuid: 2, owner: 7, lock: 0 }]);
		let hp = Hyperparams::<Test>::get(2).unwrap();
		assert_eq!((hp.tempo, hp.max_allowed_uids, hp.kappa), (99, 512, 40_000));
		assert_eq!(
			SubnetHyperparams { tempo: 99, max_allowed_uids: 512, kappa: 40_000, ..SubnetHyperparams::default() },
			hp
		);
		assert_eq!(Networks::<Test>::get(2).unwrap().owner, 7);
		assert_eq!(Networks::<Test>::get(2).unwrap().lock, 0);
		assert_eq!(free(7), free_before);
		assert_eq!(Balances::balance_on_hold(&HoldReason::NetworkLock.into(), &7), 0);
		// What users pay is untouched: same lock price, same rate limit.
		assert_eq!((LastNetworkLock::<Test>::get(), LastNetworkRegistration::<Test>::get()), (lock, last));
		// Its owner dissolves it like any other; nothing to return.
		assert_ok!(Subnets::dissolve_network(RuntimeOrigin::signed(7), 2));
		assert_eq!(events(), vec![Event::NetworkDissolved { netuid: 2, owner: 7, lock_returned: 0 }]);
		Subnets::do_try_state().unwrap();
	});
}

#[test]
fn a_subnet_creation_outside_the_bounds_or_from_a_user_changes_nothing() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			Subnets::create_subnet(RuntimeOrigin::signed(1), 1, proposal(vec![])),
			DispatchError::BadOrigin
		);
		// Checked in order, each against the subnet as the previous made it.
		assert_noop!(
			Subnets::create_subnet(RuntimeOrigin::root(), 1, proposal(vec![Hyperparameter::Tempo(0)])),
			Error::<Test>::ValueOutOfBounds
		);
		assert_noop!(
			Subnets::create_subnet(
				RuntimeOrigin::root(),
				1,
				proposal(vec![Hyperparameter::MaxAllowedUids(8), Hyperparameter::MaxAllowedValidators(9)])
			),
			Error::<Test>::ValueOutOfBounds
		);
		assert_noop!(
			Subnets::create_subnet(
				RuntimeOrigin::root(),
				1,
				proposal(vec![Hyperparameter::MinBurn(10), Hyperparameter::MaxBurn(9)])
			),
			Error::<Test>::MinAboveMax
		);
		assert_eq!(SubnetCount::<Test>::get(), 1);
	});
}

#[test]
fn a_vote_prunes_no_ones_subnet() {
	ExtBuilder::build_and_execute(|| {
		// The mock's limit is 4 live subnets, root included.
		for owner in 1..=3 {
			assert_ok!(Subnets::create_subnet(RuntimeOrigin::root(), owner, proposal(vec![])));
		}
		run_to_block(1_000);
		assert_noop!(
			Subnets::create_subnet(RuntimeOrigin::root(), 9, proposal(vec![])),
			Error::<Test>::SubnetLimitReached
		);
		assert_eq!(SubnetCount::<Test>::get(), 4);
	});
}

#[test]
fn governance_dissolves_any_subnet_but_root() {
	ExtBuilder::build_and_execute(|| {
		let netuid = add_network(1);
		assert_noop!(Subnets::dissolve_network(RuntimeOrigin::signed(2), netuid), Error::<Test>::NotSubnetOwner);
		assert_noop!(Subnets::dissolve_network(RuntimeOrigin::root(), 0), Error::<Test>::CannotDissolveRoot);
		assert_ok!(Subnets::dissolve_network(RuntimeOrigin::root(), netuid));
		assert_eq!(events(), vec![Event::NetworkDissolved { netuid, owner: 1, lock_returned: 1_000 }]);
		assert_noop!(Subnets::dissolve_network(RuntimeOrigin::root(), netuid), Error::<Test>::SubnetNotFound);
	});
}

#[test]
fn governance_changes_what_new_subnets_start_with_not_live_ones() {
	ExtBuilder::build_and_execute(|| {
		let live = add_network(1);
		assert_ok!(Subnets::set_subnet_default(RuntimeOrigin::root(), Hyperparameter::MaxRegsPerBlock(5)));
		assert_eq!(
			events(),
			vec![Event::SubnetDefaultSet { from: Hyperparameter::MaxRegsPerBlock(1), to: Hyperparameter::MaxRegsPerBlock(5) }]
		);
		assert_eq!(Hyperparams::<Test>::get(live).unwrap().max_regs_per_block, 1);
		pass_network_rate_limit();
		let new = add_network(2);
		assert_eq!(Hyperparams::<Test>::get(new).unwrap().max_regs_per_block, 5);

		assert_noop!(
			Subnets::set_subnet_default(RuntimeOrigin::signed(1), Hyperparameter::MaxRegsPerBlock(2)),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Subnets::set_subnet_default(RuntimeOrigin::root(), Hyperparameter::MaxRegsPerBlock(65)),
			Error::<Test>::ValueOutOfBounds
		);
	});
}
