//! Block emission, halvings, the cap, and its split across subnets.

use frame_support::{
	assert_ok,
	traits::{
		fungible::Mutate,
		tokens::{Fortitude, Precision, Preservation},
	},
};

use super::*;
use crate::{GenesisIssuance, PendingEmission, TotalBurned, TotalMinted, TotalPending, TotalPromised};

#[test]
fn emission_halves_at_each_threshold_and_stops_at_the_cap() {
	build_and_execute(|| {
		let m = 1_000_000 * TAO;
		assert_eq!(Emission::block_emission(0), TAO);
		assert_eq!(Emission::block_emission(10 * m + m / 2 - 1), TAO, "just below 10.5M");
		assert_eq!(Emission::block_emission(10 * m + m / 2), TAO / 2, "at 10.5M");
		assert_eq!(Emission::block_emission(15 * m + 3 * m / 4 - 1), TAO / 2);
		assert_eq!(Emission::block_emission(15 * m + 3 * m / 4), TAO / 4, "at 15.75M");
		assert_eq!(Emission::block_emission(18 * m + 3 * m / 8), TAO / 8, "at 18.375M");
		assert_eq!(Emission::block_emission(21 * m - 1), 0, "a rao short of the cap: 2^-64 TAO rounds to 0");
		assert_eq!(Emission::block_emission(21 * m), 0);
		assert_eq!(Emission::block_emission(u64::MAX), 0);
	});
}

#[test]
fn emission_never_passes_the_cap() {
	build_and_execute(|| {
		subnet(1, 360);
		// A cap 3 rao above what exists: the first halvings leave 0 < emission <= 3.
		let issuance = Balances::total_issuance();
		SupplyCap::set(issuance + 3);
		let e = Emission::block_emission(issuance);
		assert!(e <= 3);
		run_to_block(50);
		assert!(Balances::total_issuance() + TotalPending::<Test>::get() <= issuance + 3);
	});
}

#[test]
fn no_subnet_no_emission() {
	build_and_execute(|| {
		run_to_block(5);
		assert_eq!(TotalPending::<Test>::get(), 0);
	});
}

#[test]
fn without_root_weights_subnets_share_equally_to_the_rao() {
	build_and_execute(|| {
		let (a, b, c) = (subnet(1, 360), subnet(2, 360), subnet(3, 360));
		run_to_block(2);
		// 1 TAO over three: the rao left over goes to the first.
		assert_eq!(PendingEmission::<Test>::get(a), 333_333_334);
		assert_eq!(PendingEmission::<Test>::get(b), 333_333_333);
		assert_eq!(PendingEmission::<Test>::get(c), 333_333_333);
		assert_eq!(TotalPending::<Test>::get(), TAO);
		assert_eq!(PendingEmission::<Test>::get(0), 0, "root earns no emission");
	});
}

#[test]
fn the_halving_starts_in_the_block_issuance_crosses_the_threshold() {
	// Genesis issuance 1.5 TAO below 10.5M: two full blocks, then halves.
	let m = 1_000_000 * TAO;
	let start = 10 * m + m / 2 - 3 * TAO / 2;
	build_with(&[(99, start - 20 * INITIAL_BALANCE)], || {
		assert_eq!(Balances::total_issuance(), start);
		let netuid = subnet(1, 360);
		let mut per_block = Vec::new();
		for b in 2..=5 {
			let before = TotalPending::<Test>::get();
			run_to_block(b);
			per_block.push(TotalPending::<Test>::get() - before);
		}
		assert_eq!(per_block, vec![TAO, TAO, TAO / 2, TAO / 2]);
		assert_eq!(PendingEmission::<Test>::get(netuid), 3 * TAO);
		assert_eq!(TotalPromised::<Test>::get(), 3 * TAO);
	});
}

#[test]
fn every_burn_is_counted_and_a_burn_around_the_ledger_is_caught() {
	build_and_execute(|| {
		let genesis = GenesisIssuance::<Test>::get();
		assert_eq!(genesis, 20 * INITIAL_BALANCE);
		let netuid = subnet(1, 360);
		// A registration burns the subnet's burn (1 TAO by default).
		neuron(netuid, 3, 100);
		assert_eq!(TotalBurned::<Test>::get(), TAO);
		// A hotkey swap burns its fee (1 TAO here).
		assert_ok!(Stake::swap_hotkey(RuntimeOrigin::signed(3), 100, 101));
		assert_eq!(TotalBurned::<Test>::get(), 2 * TAO);
		// An account reaped below the existential deposit (500) leaves its dust.
		assert_ok!(Balances::transfer_allow_death(RuntimeOrigin::signed(5), 6, INITIAL_BALANCE - 100));
		assert!(!System::account_exists(&5), "reaped");
		assert_eq!(TotalBurned::<Test>::get(), 2 * TAO + 100);
		assert_eq!(Balances::total_issuance(), genesis - 2 * TAO - 100);
		run_to_block(20);
		assert_eq!(
			Balances::total_issuance(),
			genesis + TotalMinted::<Test>::get()
				+ <Stake as yuma_primitives::StakeRewards<u64>>::ledger().minted
				- TotalBurned::<Test>::get()
		);
		Emission::do_try_state().unwrap();
		// A burn that bypasses the Recycler breaks the ledger, and try_state says so.
		assert_ok!(<Balances as Mutate<u64>>::burn_from(&7, TAO, Preservation::Preserve, Precision::Exact, Fortitude::Polite));
		assert_eq!(
			Emission::do_try_state(),
			Err("minted differs from issuance - genesis issuance + burned".into())
		);
		// Put it back so that the closing check of `build_and_execute` passes.
		assert_ok!(<Balances as Mutate<u64>>::mint_into(&7, TAO));
	});
}
