//! The attacks on stake, replayed: each fails.

use std::collections::BTreeMap;

use frame_support::{assert_ok, traits::fungible::Mutate};
use sp_runtime::Perbill;
use yuma_primitives::StakeRewards;

use super::model::Model;
use crate::mock::*;

/// Dividends per epoch in these tests.
const DIVIDENDS: u64 = 100 * TAO;

/// Validator 100 (owner 1, 100 TAO of its own, take 0) with honest nominator
/// 7 (100 TAO) since block 1; epochs pay it every 100 blocks, streamed over 100.
fn honest_validator(model: &mut Model) {
	StreamBlocks::set(100);
	assert_ok!(Stake::decrease_take(RuntimeOrigin::signed(1), 100, Perbill::zero()));
	model.takes.insert(100, Perbill::zero());
	for c in [1, 7] {
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(c), 100, 100 * TAO));
		let earned = model.earned(100, c);
		model.add(c, 100, 100 * TAO, earned);
	}
}

fn epoch(model: &mut Model, hotkey: u64, owner: u64) {
	assert_eq!(Stake::credit_dividends(&hotkey, DIVIDENDS), DIVIDENDS);
	model.dividends(hotkey, owner, DIVIDENDS, StreamBlocks::get());
}

fn go(model: &mut Model, block: u64) {
	run_to(block);
	model.advance(block);
}

#[test]
fn a_flash_staker_earns_only_the_blocks_it_was_there() {
	build_and_execute(|| {
		let mut model = Model::new(1);
		honest_validator(&mut model);
		// Attacker 9 brings 9 times the honest nominator's stake.
		let attacker = 9;
		Balances::mint_into(&attacker, 900 * TAO).unwrap();
		go(&mut model, 100);
		epoch(&mut model, 100, 1);
		go(&mut model, 197);
		let before = free(attacker);
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(attacker), 100, 900 * TAO));
		let earned = model.earned(100, attacker);
		model.add(attacker, 100, 900 * TAO, earned);
		let honest_at_197 = worth(100, 7);
		go(&mut model, 200);
		epoch(&mut model, 100, 1);
		go(&mut model, 203);
		let stake = worth(100, attacker);
		assert_eq!(stake, model.worth(100, attacker).0, "to the rao of the per-block model");
		assert_ok!(Stake::remove_stake(RuntimeOrigin::signed(attacker), 100, stake));
		let earned = model.earned(100, attacker);
		model.remove(attacker, 100, stake, earned, true);
		let gained = free(attacker) - before;
		super::properties::same_as_model(&model).unwrap();
		// To the rao what the naive per-block model gives: its share of six
		// blocks' slices (three of the previous epoch's stream, three of this one's).
		assert_eq!(gained, stake - 900 * TAO);
		// Before this design it took 9/11 of the epoch's dividends (81.8 TAO).
		// Now: at most 6 slices of 1 TAO each, 9/11 of them.
		assert!(gained <= 6 * DIVIDENDS / 100 * 9 / 11 + 1, "gained {gained}");
		assert!(gained > 0, "the blocks it was there do count");
		// The honest nominator, there all along, keeps earning its share of
		// the stream: more in the next 100 blocks than the attacker ever got.
		go(&mut model, 297);
		assert!(worth(100, 7) - honest_at_197 > 4 * gained, "honest {} vs flash {gained}", worth(100, 7) - honest_at_197);
		super::properties::same_as_model(&model).unwrap();
	});
}

#[test]
fn a_move_stake_chain_across_validators_earns_nothing_extra() {
	build_and_execute(|| {
		let mut model = Model::new(1);
		honest_validator(&mut model);
		// A second validator, 101 (owner 2), paid 3 blocks after 100.
		assert_ok!(Stake::decrease_take(RuntimeOrigin::signed(2), 101, Perbill::zero()));
		model.takes.insert(101, Perbill::zero());
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(2), 101, 200 * TAO));
		let earned = model.earned(101, 2);
		model.add(2, 101, 200 * TAO, earned);
		let mover = 9;
		Balances::mint_into(&mover, 900 * TAO).unwrap();
		go(&mut model, 100);
		epoch(&mut model, 100, 1);
		go(&mut model, 103);
		epoch(&mut model, 101, 2);
		// Into 100 just before its epoch, on to 101 just before its own, out after.
		go(&mut model, 198);
		let before = free(mover);
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(mover), 100, 900 * TAO));
		let earned = model.earned(100, mover);
		model.add(mover, 100, 900 * TAO, earned);
		go(&mut model, 200);
		epoch(&mut model, 100, 1);
		go(&mut model, 201);
		let all = worth(100, mover);
		assert_ok!(Stake::move_stake(RuntimeOrigin::signed(mover), 100, 101, all));
		let (from, to) = (model.earned(100, mover), model.earned(101, mover));
		model.move_stake(mover, (100, from, true), (101, to), all);
		go(&mut model, 203);
		epoch(&mut model, 101, 2);
		go(&mut model, 205);
		let stake = worth(101, mover);
		assert_eq!(stake, model.worth(101, mover).0, "to the rao of the per-block model");
		assert_ok!(Stake::remove_stake(RuntimeOrigin::signed(mover), 101, stake));
		let earned = model.earned(101, mover);
		model.remove(mover, 101, stake, earned, true);
		let gained = free(mover) - before;
		super::properties::same_as_model(&model).unwrap();
		// Seven blocks in pools paying one slice (1 TAO) a block each: at most 7 TAO,
		// against two whole epochs' dividends a lump payout would have given.
		assert!(gained <= 7 * DIVIDENDS / 100, "gained {gained}");
		assert!(gained < DIVIDENDS / 10);
	});
}

/// Storage keys (outside System) whose values `f` changes.
fn keys_changed_by(f: impl FnOnce()) -> usize {
	fn snapshot() -> BTreeMap<Vec<u8>, Vec<u8>> {
		let mut all = BTreeMap::new();
		let mut key = Vec::new();
		while let Some(next) = sp_io::storage::next_key(&key) {
			all.insert(next.clone(), sp_io::storage::get(&next).unwrap().to_vec());
			key = next;
		}
		all
	}
	let system = sp_io::hashing::twox_128(b"System");
	let before = snapshot();
	f();
	let after = snapshot();
	after
		.iter()
		.filter(|(k, v)| !k.starts_with(&system) && before.get(*k) != Some(*v))
		.count() + before.keys().filter(|k| !after.contains_key(*k)).count()
}

#[test]
fn dust_nominators_lock_nobody_out_and_do_not_change_what_paying_costs() {
	build_and_execute(|| {
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(6), 105, 10 * TAO));
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(7), 105, MIN_STAKE));
		let one = keys_changed_by(|| {
			Stake::credit_dividends(&105, TAO);
		});
		let incentive_one = keys_changed_by(|| {
			Stake::credit_incentive(&105, TAO);
		});
		// 100,000 fresh coldkeys, each with the minimum.
		for c in 1_000..101_000u64 {
			Balances::mint_into(&c, MIN_STAKE + EXISTENTIAL_DEPOSIT).unwrap();
			assert_ok!(Stake::add_stake(RuntimeOrigin::signed(c), 105, MIN_STAKE));
		}
		assert_eq!(stakers(105), 100_002);
		// A real nominator still gets in.
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(8), 105, 50 * TAO));
		assert_eq!(worth(105, 8), 50 * TAO);
		// Paying the validator writes as much as with one nominator: its pool
		// (the owner's position, which gets the take, is kept in it) and the
		// owed total. A miner's incentive the same.
		let many = keys_changed_by(|| {
			Stake::credit_dividends(&105, TAO);
		});
		assert_eq!(many, one);
		assert_eq!(many, 2, "{many} keys");
		assert_eq!(incentive_one, 2);
		assert_eq!(
			keys_changed_by(|| {
				Stake::credit_incentive(&105, TAO);
			}),
			2
		);
		// The first payout to an owner with no position opens it: the pool,
		// the owed total, and the owner's position index and count.
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(7), 104, MIN_STAKE));
		let first = keys_changed_by(|| {
			Stake::credit_incentive(&104, TAO);
		});
		let second = keys_changed_by(|| {
			Stake::credit_incentive(&104, TAO);
		});
		assert_eq!((first, second), (4, 2));
	});
}

/// Root seats count the lowest value a pool held since the root epoch
/// before last: stake counts once held through a whole root interval, so
/// stake added just before a root epoch and kept just after counts nothing;
/// removed stake counts at once; rewards are no borrowed stake and count
/// when credited.
#[test]
fn seat_stake_counts_stake_held_through_a_whole_root_interval() {
	use yuma_primitives::{EpochStake, StakeInfo};
	build_and_execute(|| {
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(7), 100, 10 * TAO));
		assert_eq!(Stake::seat_stake(&100), 0, "new, no root epoch yet");
		run_to(5);
		Stake::take_epoch_stake(0, &[]); // a root epoch at block 5
		assert_eq!((crate::RootEpochAt::<Test>::get(), crate::PrevRootEpochAt::<Test>::get()), (5, 0));
		assert_eq!(Stake::seat_stake(&100), 0, "added before the last root epoch, not held through an interval");
		run_to(8);
		Stake::take_epoch_stake(0, &[]);
		assert_eq!(Stake::seat_stake(&100), 10 * TAO, "held from before block 5 to after block 8");
		run_to(9);
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(8), 100, 90 * TAO));
		assert_eq!((Stake::total_stake(&100), Stake::seat_stake(&100)), (100 * TAO, 10 * TAO));
		assert_ok!(Stake::remove_stake(RuntimeOrigin::signed(7), 100, 5 * TAO));
		assert_eq!(Stake::seat_stake(&100), 10 * TAO);
		assert_ok!(Stake::remove_stake(RuntimeOrigin::signed(8), 100, 90 * TAO));
		assert_eq!(Stake::seat_stake(&100), 5 * TAO, "what is gone counts at once");
		run_to(11);
		Stake::take_epoch_stake(0, &[]);
		assert_eq!(Stake::seat_stake(&100), 5 * TAO);
		// The boundary attack: 50 TAO borrowed the block before a root
		// epoch, the seat claimed in the block after it.
		run_to(13);
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(8), 100, 50 * TAO));
		run_to(14);
		Stake::take_epoch_stake(0, &[]);
		assert_eq!((Stake::total_stake(&100), Stake::seat_stake(&100)), (55 * TAO, 5 * TAO), "borrowed across a root epoch");
		// Another subnet's epoch does not move the root intervals.
		Stake::take_epoch_stake(1, &[]);
		assert_eq!((crate::RootEpochAt::<Test>::get(), crate::PrevRootEpochAt::<Test>::get()), (14, 11));
		run_to(17);
		Stake::take_epoch_stake(0, &[]);
		assert_eq!(Stake::seat_stake(&100), 55 * TAO, "held through the interval from 14 to 17");
		run_to(18);
		assert_eq!(Stake::credit_incentive(&100, TAO), TAO);
		assert_eq!(Stake::seat_stake(&100), 56 * TAO, "a reward counts at once");
	});
}
