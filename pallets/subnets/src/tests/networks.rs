//! Network registration, the lock and its decay, the rate limit, pruning.

use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use yuma_primitives::{SubnetHyperparams, SubnetRegistry};

use crate::{mock::*, Error, Event, HoldReason, Hyperparams, Networks, SubnetCount};

fn held(who: AccountId) -> u64 {
	Balances::balance_on_hold(&HoldReason::NetworkLock.into(), &who)
}

#[test]
fn register_network_holds_the_lock_and_creates_the_subnet() {
	ExtBuilder::build_and_execute(|| {
		assert_eq!(SubnetCount::<Test>::get(), 1, "root exists from genesis");
		assert_ok!(Subnets::register_network(RuntimeOrigin::signed(1)));
		assert_eq!(events(), vec![Event::NetworkRegistered { netuid: 1, owner: 1, lock: 1_000 }]);
		assert_eq!(held(1), 1_000);
		assert_eq!(free(1), INITIAL_BALANCE - 1_000);
		assert_eq!(Hyperparams::<Test>::get(1), Some(SubnetHyperparams::default()));
		assert_eq!(Networks::<Test>::get(1).unwrap().registered_at, 1);
		assert_eq!(SubnetCount::<Test>::get(), 2);
		assert_eq!(<Subnets as SubnetRegistry<_>>::owner(1), Some(1));
		assert_eq!(<Subnets as SubnetRegistry<_>>::netuids(), vec![0, 1]);
	});
}

#[test]
fn network_registrations_are_rate_limited_chain_wide() {
	ExtBuilder::build_and_execute(|| {
		add_network(1);
		run_to_block(10);
		assert_noop!(Subnets::register_network(RuntimeOrigin::signed(2)), Error::<Test>::NetworkRateLimited);
		run_to_block(11);
		assert_ok!(Subnets::register_network(RuntimeOrigin::signed(2)));
	});
}

#[test]
fn lock_doubles_then_decays_linearly_to_the_minimum() {
	ExtBuilder::build_and_execute(|| {
		assert_eq!(Subnets::network_lock_cost(1), 1_000, "minimum before any registration");
		add_network(1); // block 1, lock 1000
		assert_eq!(Subnets::network_lock_cost(1), 2_000);
		assert_eq!(Subnets::network_lock_cost(251), 1_750);
		assert_eq!(Subnets::network_lock_cost(501), 1_500);
		assert_eq!(Subnets::network_lock_cost(1_001), 1_000);
		assert_eq!(Subnets::network_lock_cost(50_000), 1_000);

		run_to_block(501);
		add_network(2);
		assert_eq!(held(2), 1_500, "paid the decayed lock");
		assert_eq!(Subnets::network_lock_cost(501), 3_000, "twice the last lock");
		assert_eq!(Subnets::network_lock_cost(1_001), 2_000);
	});
}

#[test]
fn registration_needs_the_lock_in_spendable_balance() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(Subnets::register_network(RuntimeOrigin::signed(21)), Error::<Test>::InsufficientBalance);
		Balances::force_set_balance(RuntimeOrigin::root(), 21, 1_005).unwrap();
		// 1005 - 1000 would leave 5, below the existential deposit of 10.
		assert_noop!(Subnets::register_network(RuntimeOrigin::signed(21)), Error::<Test>::InsufficientBalance);
		Balances::force_set_balance(RuntimeOrigin::root(), 21, 1_010).unwrap();
		assert_ok!(Subnets::register_network(RuntimeOrigin::signed(21)));
		assert_eq!(held(21), 1_000);
	});
}

#[test]
fn owners_with_several_subnets_hold_the_sum_of_their_locks() {
	ExtBuilder::build_and_execute(|| {
		add_network(1);
		pass_network_rate_limit();
		let lock = Subnets::network_lock_cost(System::block_number());
		add_network(1);
		assert_eq!(held(1), 1_000 + lock);
	});
}

#[test]
fn a_full_registry_prunes_the_lowest_emission_subnet_past_its_immunity() {
	ExtBuilder::build_and_execute(|| {
		// SubnetLimit is 4: root and three subnets.
		let a = add_network(1);
		pass_network_rate_limit();
		let b = add_network(2);
		pass_network_rate_limit();
		let c = add_network(3);
		pass_network_rate_limit();
		Subnets::note_epoch(a, &[500]);
		Subnets::note_epoch(b, &[60, 40]);
		Subnets::note_epoch(c, &[300]);
		// Every subnet is still immune (100 blocks).
		assert_noop!(Subnets::register_network(RuntimeOrigin::signed(4)), Error::<Test>::SubnetLimitReached);

		run_to_block(115);
		// `a` (block 1) and `b` (block 11) are past immunity, `c` (block 21) is not; `b` has the lowest emission.
		let b_lock = Networks::<Test>::get(b).unwrap().lock;
		events();
		assert_ok!(Subnets::register_network(RuntimeOrigin::signed(4)));
		let evs = events();
		assert_eq!(evs[0], Event::NetworkPruned { netuid: b, owner: 2, lock_returned: b_lock });
		assert!(matches!(evs[1], Event::NetworkRegistered { netuid: 4, owner: 4, .. }));
		assert_eq!(held(2), 0);
		assert_eq!(free(2), INITIAL_BALANCE);
		assert!(!Subnets::exists(b));
		assert_eq!(SubnetCount::<Test>::get(), 4);
	});
}

#[test]
fn pruning_ties_go_to_the_earlier_registration() {
	ExtBuilder::build_and_execute(|| {
		let a = add_network(1);
		pass_network_rate_limit();
		add_network(2);
		pass_network_rate_limit();
		add_network(3);
		run_to_block(200);
		// No epoch yet: every emission is 0, so the oldest goes.
		assert_eq!(Subnets::subnet_to_prune(200), Some(a));
		assert_ok!(Subnets::register_network(RuntimeOrigin::signed(4)));
		assert!(!Subnets::exists(a));
	});
}

#[test]
fn the_lowest_free_netuid_is_used_once_a_dissolved_one_is_cleared() {
	ExtBuilder::build_and_execute(|| {
		add_network(1);
		pass_network_rate_limit();
		add_network(2);
		assert_ok!(Subnets::dissolve_network(RuntimeOrigin::signed(1), 1));
		pass_network_rate_limit();
		// Netuid 1 is free again: nothing was left to clear after one block.
		assert_eq!(add_network(3), 1);
	});
}
