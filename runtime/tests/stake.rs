//! pallet-stake inside the runtime: staking on a registered hotkey, root
//! membership by stake, a hotkey swap that carries its uid, and rewards.

#![allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::expect_used, clippy::unwrap_used)]

use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave, Eve, Ferdie};
use yuma_primitives::{StakeRewards, SubnetRegistry};
use yuma_runtime::{
	currency::TAO, Balances, Runtime, RuntimeHoldReason, RuntimeOrigin, Stake, Subnets,
};

mod common;
use common::*;

type Error = pallet_stake::Error<Runtime>;

fn staked(who: &yuma_runtime::AccountId) -> u64 {
	Balances::balance_on_hold(&RuntimeHoldReason::Stake(pallet_stake::HoldReason::Staked), who)
}

#[test]
fn a_nominator_stakes_on_a_registered_hotkey_and_the_stake_is_held() {
	state_of("development").execute_with(|| {
		let (alice, bob, charlie, dave) = (account(Alice), account(Bob), account(Charlie), account(Dave));
		assert_ok!(Subnets::register_network(RuntimeOrigin::signed(alice)));
		assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(bob.clone()), 1, charlie.clone()));
		let issuance = Balances::total_issuance();
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(dave.clone()), charlie.clone(), 100 * TAO));
		assert_eq!(staked(&dave), 100 * TAO);
		assert_eq!(Balances::total_issuance(), issuance);
		assert_noop!(Stake::add_stake(RuntimeOrigin::signed(dave.clone()), account(Eve), TAO), Error::HotkeyNotFound);
		assert_noop!(Stake::add_stake(RuntimeOrigin::signed(account(Eve)), charlie.clone(), 1_999_999), Error::BelowMinimumStake);

		// Dividends: 18% to the owner (Bob) at once, the rest streamed over
		// 360 blocks to the pool, shared by worth: Dave's 100 TAO and Bob's take.
		let value = |who: &yuma_runtime::AccountId| Stake::position_value(&charlie, who).0;
		assert_eq!(Stake::credit_dividends(&charlie, 1_000_000), 1_000_000);
		assert_eq!((value(&bob), value(&dave)), (180_000, 100 * TAO));
		frame_system::Pallet::<Runtime>::set_block_number(frame_system::Pallet::<Runtime>::block_number() + 360);
		// floor(100 TAO × 100.001 TAO / 100.00018 TAO) and floor(180,000 × the same).
		assert_eq!((value(&bob), value(&dave)), (180_001, 100 * TAO + 819_998));
		assert_eq!(Stake::hotkey_stake(&charlie), 100 * TAO + 1_000_000);
		Stake::do_try_state().unwrap();
	});
}

#[test]
fn root_membership_goes_by_stake() {
	state_of("development").execute_with(|| {
		let bob = account(Bob);
		let root = Subnets::hyperparams(0).unwrap();
		assert_eq!(root.max_allowed_uids, 64);
		// Fill root with 64 hotkeys of 1 TAO stake each (registered on a subnet first).
		assert_ok!(Subnets::register_network(RuntimeOrigin::signed(account(Alice))));
		assert_ok!(Subnets::set_hyperparameter(RuntimeOrigin::root(), 1, pallet_subnets::Hyperparameter::MaxRegsPerBlock(64)));
		let hotkey = |k: u8| yuma_runtime::AccountId::from([k; 32]);
		for k in 1..=65u8 {
			assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(bob.clone()), 1, hotkey(k)));
			if k % 64 == 0 {
				frame_system::Pallet::<Runtime>::set_block_number(2);
			}
		}
		// Stake through the reward entry point (Bob holds more than 64 positions then).
		for k in 1..=64u8 {
			assert_eq!(Stake::credit_incentive(&hotkey(k), TAO + u64::from(k)), TAO + u64::from(k));
			assert_ok!(Subnets::root_register(RuntimeOrigin::signed(bob.clone()), hotkey(k)));
		}
		// The 65th needs more than the least (hotkey 1: 1 TAO + 1 rao).
		Stake::credit_incentive(&hotkey(65), TAO + 1);
		assert_noop!(
			Subnets::root_register(RuntimeOrigin::signed(bob.clone()), hotkey(65)),
			pallet_subnets::Error::<Runtime>::StakeTooLowForRoot
		);
		Stake::credit_incentive(&hotkey(65), 1);
		assert_ok!(Subnets::root_register(RuntimeOrigin::signed(bob), hotkey(65)));
		assert_eq!(Subnets::uid_of(0, &hotkey(65)), Some(0));
		assert_eq!(Subnets::uid_of(0, &hotkey(1)), None);
		Subnets::do_try_state().unwrap();
	});
}

#[test]
fn a_hotkey_swap_carries_its_uid_and_stake() {
	state_of("development").execute_with(|| {
		let (alice, bob, charlie, ferdie) = (account(Alice), account(Bob), account(Charlie), account(Ferdie));
		assert_ok!(Subnets::register_network(RuntimeOrigin::signed(alice)));
		assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(bob.clone()), 1, charlie.clone()));
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(bob.clone()), charlie.clone(), 5 * TAO));
		let issuance = Balances::total_issuance();
		assert_ok!(Stake::swap_hotkey(RuntimeOrigin::signed(bob.clone()), charlie.clone(), ferdie.clone()));
		assert_eq!(Balances::total_issuance(), issuance - TAO, "the swap fee is recycled");
		assert_eq!(Subnets::uid_of(1, &ferdie), Some(0));
		assert_eq!(Subnets::uid_of(1, &charlie), None);
		assert_eq!(Subnets::hotkey_owner(&ferdie), Some(bob.clone()));
		assert_eq!(Stake::position_value(&ferdie, &bob), (5 * TAO, 5 * TAO));
		Subnets::do_try_state().unwrap();
		Stake::do_try_state().unwrap();
	});
}
