//! Proof-of-work registration and the solver.

use frame_support::{assert_noop, assert_ok};

use crate::{mock::*, pow, Error, Event, Hyperparameter as H, UsedWork};

/// A subnet with difficulty 1,000 (about 1,000 tries per seal).
fn easy_subnet() -> u16 {
	let netuid = add_network(1);
	root_set(netuid, H::MinDifficulty(1));
	root_set(netuid, H::Difficulty(1_000));
	events();
	netuid
}

/// Work on `block` for `hotkey`, made for coldkey 2 (the caller in these tests).
fn solve(block: u64, hotkey: AccountId, difficulty: u64) -> (u64, [u8; 32]) {
	solve_for(block, hotkey, 2, difficulty)
}

fn solve_for(block: u64, hotkey: AccountId, coldkey: AccountId, difficulty: u64) -> (u64, [u8; 32]) {
	pow::solve(block_hash(block).as_ref(), &hotkey, &coldkey, difficulty, 0, 1_000_000)
		.expect("a nonce within a million tries")
}

#[test]
fn the_seal_meets_difficulty_as_specified() {
	assert!(pow::meets_difficulty(&[0xff; 32], 1));
	assert!(!pow::meets_difficulty(&[0xff; 32], 2));
	let mut half = [0u8; 32];
	half[0] = 0x7f;
	half[1..].fill(0xff);
	assert!(pow::meets_difficulty(&half, 2), "2^255 - 1 times 2 fits");
	assert!(!pow::meets_difficulty(&half, 3));
	assert!(pow::meets_difficulty(&[0; 32], u64::MAX));
	// The seal hashes (block hash, hotkey, coldkey, nonce): each part matters.
	let s = pow::seal(&[1; 32], &7u64, &2u64, 9);
	assert_ne!(s, pow::seal(&[2; 32], &7u64, &2u64, 9));
	assert_ne!(s, pow::seal(&[1; 32], &8u64, &2u64, 9));
	assert_ne!(s, pow::seal(&[1; 32], &7u64, &3u64, 9));
	assert_ne!(s, pow::seal(&[1; 32], &7u64, &2u64, 10));
	assert_ne!(s, pow::seal(&[1; 32], &2u64, &7u64, 9), "hotkey and coldkey do not commute");
}

#[test]
fn registering_with_work_pays_nothing() {
	ExtBuilder::build_and_execute(|| {
		let netuid = easy_subnet();
		run_to_block(5);
		let (nonce, seal) = solve(3, 100, 1_000);
		assert!(pow::meets_difficulty(&seal, 1_000));
		assert_ok!(Subnets::register(RuntimeOrigin::signed(2), netuid, 3, nonce, seal, 100));
		assert_eq!(
			events(),
			vec![Event::NeuronRegistered { netuid, uid: 0, hotkey: 100, coldkey: 2, replaced: None, burned: 0 }]
		);
		assert_eq!(free(2), INITIAL_BALANCE);
		assert!(UsedWork::<Test>::contains_key(3, seal));
	});
}

#[test]
fn work_must_be_recent_match_its_inputs_and_meet_the_difficulty() {
	ExtBuilder::build_and_execute(|| {
		let netuid = easy_subnet();
		run_to_block(10);
		let reg = |block: u64, nonce: u64, work: [u8; 32]| {
			Subnets::register(RuntimeOrigin::signed(2), netuid, block, nonce, work, 100)
		};
		let (nonce, seal) = solve(6, 100, 1_000);
		assert_noop!(reg(6, nonce, seal), Error::<Test>::StaleWork); // 4 blocks old
		let (nonce, seal) = solve(10, 100, 1_000);
		assert_noop!(reg(10, nonce, seal), Error::<Test>::StaleWork); // this block
		assert_noop!(reg(11, nonce, seal), Error::<Test>::StaleWork); // the future
		let (nonce, seal) = solve(7, 100, 1_000);
		assert_noop!(reg(7, nonce.wrapping_add(1), seal), Error::<Test>::InvalidSeal);
		assert_noop!(
			Subnets::register(RuntimeOrigin::signed(2), netuid, 7, nonce, seal, 101),
			Error::<Test>::InvalidSeal
		);
		root_set(netuid, H::MaxDifficulty(u64::MAX));
		root_set(netuid, H::Difficulty(u64::MAX));
		// A seal meeting difficulty 2^64 - 1 has 64 leading zero bits: not this one.
		assert!(!pow::meets_difficulty(&seal, u64::MAX));
		assert_noop!(reg(7, nonce, seal), Error::<Test>::InsufficientWork);
	});
}

#[test]
fn each_seal_is_accepted_once_and_forgotten_when_too_old() {
	ExtBuilder::build_and_execute(|| {
		let a = easy_subnet();
		pass_network_rate_limit();
		let b = easy_subnet();
		run_to_block(System::block_number() + 2);
		let block = System::block_number() - 1;
		let (nonce, seal) = solve(block, 100, 1_000);
		assert_ok!(Subnets::register(RuntimeOrigin::signed(2), a, block, nonce, seal, 100));
		assert_noop!(
			Subnets::register(RuntimeOrigin::signed(2), b, block, nonce, seal, 100),
			Error::<Test>::WorkAlreadyUsed
		);
		run_to_block(block + 3);
		assert!(UsedWork::<Test>::contains_key(block, seal), "still usable block: still remembered");
		run_to_block(block + 4);
		assert!(!UsedWork::<Test>::contains_key(block, seal), "too old to use: forgotten");
	});
}

#[test]
fn work_registration_passes_the_same_checks_as_burned() {
	ExtBuilder::build_and_execute(|| {
		let netuid = easy_subnet();
		run_to_block(5);
		let (nonce, seal) = solve(4, 100, 1_000);
		assert_noop!(
			Subnets::register(RuntimeOrigin::signed(2), 0, 4, nonce, seal, 100),
			Error::<Test>::UseRootRegister
		);
		root_set(netuid, H::RegistrationAllowed(false));
		assert_noop!(
			Subnets::register(RuntimeOrigin::signed(2), netuid, 4, nonce, seal, 100),
			Error::<Test>::RegistrationDisabled
		);
	});
}

/// The attack: a thief copies a pending `register` from the pool (block,
/// nonce, work, hotkey) and submits it from its own coldkey, to own the
/// victim's hotkey and its rewards for good. The work was made for the
/// victim's coldkey: from any other it is `InvalidSeal`, and the victim's own
/// submission still succeeds.
#[test]
fn work_lifted_from_the_pool_is_useless_to_another_coldkey() {
	ExtBuilder::build_and_execute(|| {
		let netuid = easy_subnet();
		run_to_block(5);
		let (nonce, seal) = solve_for(4, 100, 2, 1_000);
		assert_noop!(
			Subnets::register(RuntimeOrigin::signed(3), netuid, 4, nonce, seal, 100),
			Error::<Test>::InvalidSeal
		);
		assert_ok!(Subnets::register(RuntimeOrigin::signed(2), netuid, 4, nonce, seal, 100));
		assert_eq!(crate::HotkeyOwner::<Test>::get(100), Some(2), "the victim owns its hotkey");
		// Work the thief makes for itself on the same hotkey meets the owner rule.
		pass_network_rate_limit();
		let other = easy_subnet();
		run_to_block(System::block_number() + 2);
		let block = System::block_number() - 1;
		let (nonce, seal) = solve_for(block, 100, 3, 1_000);
		assert_noop!(
			Subnets::register(RuntimeOrigin::signed(3), other, block, nonce, seal, 100),
			Error::<Test>::NotHotkeyOwner
		);
	});
}

/// The attack: free proof of work floods a subnet's registrations to push
/// the burn up for everyone who pays with TAO. Work and burns are counted
/// apart: the work raises the difficulty, and the burn, with no burned
/// registration in the interval, falls.
#[test]
fn free_work_raises_the_difficulty_not_the_burn() {
	ExtBuilder::build_and_execute(|| {
		let netuid = easy_subnet();
		let burn = crate::Hyperparams::<Test>::get(netuid).unwrap().burn;
		for k in 0..4u64 {
			run_to_block(System::block_number() + 1);
			let block = System::block_number() - 1;
			let (nonce, seal) = solve_for(block, 100 + k, 2, 1_000);
			assert_ok!(Subnets::register(RuntimeOrigin::signed(2), netuid, block, nonce, seal, 100 + k));
		}
		events();
		// The subnet was registered at block 1: its first adjustment is at 101.
		run_to_block(101);
		let adjusted: Vec<_> =
			events().into_iter().filter(|e| matches!(e, Event::RegistrationCostAdjusted { .. })).collect();
		// Target 2 an interval: difficulty x (4 + 2) / 4, burn x (0 + 2) / 4.
		assert_eq!(
			adjusted,
			vec![Event::RegistrationCostAdjusted {
				netuid,
				burned: 0,
				by_work: 4,
				burn: (burn, burn / 2),
				difficulty: (1_000, 1_500),
			}]
		);
	});
}
