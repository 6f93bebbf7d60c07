//! Dissolving subnets: who may, the lock returned, bounded removal of state.

use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use yuma_primitives::SubnetRegistry;

use crate::{mock::*, Axons, Dissolving, Error, Event, HoldReason, Hyperparameter, Keys, Uids};

/// A subnet of `count` neurons (hotkeys 100..) registered by coldkey 2, each
/// serving an axon.
fn populated_subnet(count: u16) -> u16 {
	let netuid = add_network(1);
	root_set(netuid, Hyperparameter::MaxRegsPerBlock(64));
	for k in 0..u64::from(count) {
		assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(2), netuid, 100 + k));
		assert_ok!(Subnets::serve_axon(RuntimeOrigin::signed(100 + k), netuid, 1, 0x7f00_0001, 8091, 4, 0));
	}
	events();
	netuid
}

#[test]
fn the_owner_dissolves_and_gets_the_lock_back() {
	ExtBuilder::build_and_execute(|| {
		let netuid = add_network(1);
		assert_ok!(Subnets::dissolve_network(RuntimeOrigin::signed(1), netuid));
		assert_eq!(
			events(),
			vec![Event::NetworkDissolved { netuid, owner: 1, lock_returned: 1_000 }]
		);
		assert_eq!(Balances::balance_on_hold(&HoldReason::NetworkLock.into(), &1), 0);
		assert_eq!(free(1), INITIAL_BALANCE);
		assert!(!Subnets::exists(netuid));
		assert_eq!(Subnets::netuids(), vec![0]);
	});
}

#[test]
fn root_may_dissolve_any_subnet() {
	ExtBuilder::build_and_execute(|| {
		let netuid = add_network(1);
		assert_ok!(Subnets::dissolve_network(RuntimeOrigin::root(), netuid));
		assert_eq!(free(1), INITIAL_BALANCE);
	});
}

#[test]
fn dissolving_needs_the_owner_a_live_subnet_and_not_root() {
	ExtBuilder::build_and_execute(|| {
		let netuid = add_network(1);
		assert_noop!(Subnets::dissolve_network(RuntimeOrigin::signed(2), netuid), Error::<Test>::NotSubnetOwner);
		assert_noop!(Subnets::dissolve_network(RuntimeOrigin::signed(1), 9), Error::<Test>::SubnetNotFound);
		assert_noop!(Subnets::dissolve_network(RuntimeOrigin::root(), 0), Error::<Test>::CannotDissolveRoot);
		assert_noop!(Subnets::dissolve_network(RuntimeOrigin::signed(1), 0), Error::<Test>::CannotDissolveRoot);
		assert_noop!(Subnets::dissolve_network(RuntimeOrigin::none(), netuid), sp_runtime::DispatchError::BadOrigin);
	});
}

#[test]
fn state_is_removed_a_bounded_amount_per_block_and_the_netuid_freed_at_the_end() {
	ExtBuilder::build_and_execute(|| {
		// 12 neurons: 12 keys + 12 uids + 12 axons = 36 entries here, and 7
		// entries in other pallets; ClearPerBlock is 5.
		let netuid = populated_subnet(12);
		set_hook_state(netuid, 7);
		assert_ok!(Subnets::dissolve_network(RuntimeOrigin::signed(1), netuid));
		events();
		let entries = || {
			Keys::<Test>::iter_prefix(netuid).count() +
				Uids::<Test>::iter_prefix(netuid).count() +
				Axons::<Test>::iter_prefix(netuid).count() +
				hook_state(netuid) as usize
		};
		assert_eq!(entries(), 43);
		let mut blocks = 0;
		while Dissolving::<Test>::contains_key(netuid) {
			let before = entries();
			run_to_block(System::block_number() + 1);
			blocks += 1;
			assert!(before - entries() <= 5, "at most ClearPerBlock entries per block");
			assert!(blocks < 100, "dissolution must finish");
		}
		assert_eq!(entries(), 0);
		assert_eq!(blocks, 9, "43 entries at 5 per block");
		assert!(events().contains(&Event::NetworkCleared { netuid }));
		// While it was dissolving the netuid was not reused; now it is.
		pass_network_rate_limit();
		assert_eq!(add_network(3), netuid);
	});
}

#[test]
fn a_dissolving_netuid_is_not_reused() {
	ExtBuilder::build_and_execute(|| {
		ClearPerBlock::set(1);
		let netuid = populated_subnet(12);
		assert_ok!(Subnets::dissolve_network(RuntimeOrigin::signed(1), netuid));
		pass_network_rate_limit();
		assert!(Dissolving::<Test>::contains_key(netuid), "36 entries at 1 per block take 36 blocks");
		assert_eq!(add_network(3), netuid + 1);
	});
}
