//! Any sequence of stake operations, rewards and blocks: every pool holds
//! exactly what the naive model ([`super::model`]) says, every position the
//! floor of its exact worth (one rao less only where that exact worth is
//! within 2^-32 rao above a whole rao; never more), every credit shows
//! in full on the owner's position, and nothing lowers a position whose
//! coldkey did nothing;
//! every invariant holds; staking never changes total issuance (only minting
//! owed rewards and burning swap fees do, by exactly those amounts).

use std::collections::BTreeMap;

use frame_support::dispatch::RawOrigin;
use proptest::prelude::*;
use sp_runtime::traits::Dispatchable;
use yuma_primitives::{StakeRewards, SubnetRegistry};

use super::model::Model;
use crate::{mock::*, Event};

#[derive(Clone, Debug)]
enum Op {
	Add(u64, u64, u64),
	Remove(u64, u64, u64),
	Move(u64, u64, u64, u64),
	UnstakeAll(u64),
	Claim(u64, u64),
	Dividends(u64, u64),
	Incentive(u64, u64),
	Swap(u64, u64),
	Blocks(u64),
}

fn amount() -> impl Strategy<Value = u64> {
	prop_oneof![Just(0u64), Just(u64::MAX), 1..MIN_STAKE * 2, MIN_STAKE..200 * TAO]
}

fn op() -> impl Strategy<Value = Op> {
	let coldkey = 1u64..12;
	let hotkey = prop_oneof![100u64..106, Just(999u64)];
	prop_oneof![
		(coldkey.clone(), hotkey.clone(), amount()).prop_map(|(c, h, a)| Op::Add(c, h, a)),
		(coldkey.clone(), hotkey.clone(), amount()).prop_map(|(c, h, a)| Op::Remove(c, h, a)),
		(coldkey.clone(), hotkey.clone(), hotkey.clone(), amount()).prop_map(|(c, f, t, a)| Op::Move(c, f, t, a)),
		coldkey.clone().prop_map(Op::UnstakeAll),
		(coldkey.clone(), hotkey.clone()).prop_map(|(c, h)| Op::Claim(c, h)),
		(hotkey.clone(), 0u64..10 * TAO).prop_map(|(h, a)| Op::Dividends(h, a)),
		(hotkey.clone(), 0u64..10 * TAO).prop_map(|(h, a)| Op::Incentive(h, a)),
		(hotkey, 200u64..203).prop_map(|(h, n)| Op::Swap(h, n)),
		(1u64..15).prop_map(Op::Blocks),
	]
}

/// Rao released by the `StakeRemoved` events, in order, with whether
/// the position was closed.
fn removals(evs: &[Event<Test>]) -> Vec<(u64, u64, bool)> {
	evs.iter()
		.filter_map(|e| match e {
			Event::StakeRemoved { hotkey, amount, position, .. } => Some((*hotkey, *amount, *position == 0)),
			_ => None,
		})
		.collect()
}

fn moved(evs: &[Event<Test>]) -> Option<u64> {
	evs.iter().find_map(|e| match e {
		Event::StakeMoved { amount, .. } => Some(*amount),
		_ => None,
	})
}

/// Rao the pallet minted onto `coldkey`'s position on `hotkey`.
fn staked(evs: &[Event<Test>], coldkey: u64, hotkey: u64) -> u64 {
	evs.iter()
		.filter_map(|e| match e {
			Event::RewardsStaked { coldkey: c, hotkey: h, amount } if *c == coldkey && *h == hotkey => Some(*amount),
			_ => None,
		})
		.sum()
}

/// The take the last dividends credited.
fn take(evs: &[Event<Test>]) -> u64 {
	evs.iter()
		.find_map(|e| match e {
			Event::DividendsCredited { take, .. } => Some(*take),
			_ => None,
		})
		.unwrap_or(0)
}

/// The pool of id `id`.
fn pool_by_id(id: u64) -> crate::Pool<u64> {
	crate::Pools::<Test>::get(crate::PoolHotkey::<Test>::get(id).unwrap()).unwrap()
}

/// Every position by pool id (swaps keep it) and coldkey, with its worth.
fn worths() -> BTreeMap<(u64, u64), u64> {
	let now = System::block_number();
	Stake::all_positions()
		.map(|(id, c, p)| ((id, c), pool_by_id(id).worth_now(&p, now)))
		.collect()
}

/// What a removal of `asked` from a position worth `was` takes: all of it
/// when less than the minimum would be left (a user-visible rule).
fn expected_removal(was: u64, asked: u64) -> u64 {
	if was - asked > 0 && was - asked < MIN_STAKE {
		was
	} else {
		asked
	}
}

/// Checks what the pallet minted against the model before the model mints it.
fn check_earned(model: &Model, coldkey: u64, hotkey: u64, earned: u64) -> Result<(), TestCaseError> {
	let by_model = model.earned(hotkey, coldkey);
	let slack = u64::from(model.on_a_whole_rao(hotkey, coldkey));
	prop_assert!(
		earned <= by_model && earned + slack >= by_model,
		"({}, {}) minted {} where the model has {}",
		hotkey,
		coldkey,
		earned,
		by_model
	);
	Ok(())
}

/// Every position of the pallet against the model, and the ledger.
pub fn same_as_model(model: &Model) -> Result<(), TestCaseError> {
	let mut pallet: Vec<(u64, u64)> = Stake::all_positions()
		.map(|(id, c, _)| (pool_by_id(id).hotkey, c))
		.collect();
	pallet.sort();
	let mut modelled = model.all();
	modelled.sort();
	prop_assert_eq!(&pallet, &modelled, "the same positions");
	for (h, c) in modelled {
		let ((worth, held), (exact, model_held)) = (Stake::position_value(&h, &c), model.worth(h, c));
		prop_assert_eq!(held, model_held, "position ({}, {}) holds", h, c);
		let slack = u64::from(model.on_a_whole_rao(h, c));
		prop_assert!(
			worth <= exact && worth + slack >= exact,
			"position ({}, {}) is worth {} where the model has {}",
			h,
			c,
			worth,
			exact
		);
	}
	for h in model.pools.keys() {
		prop_assert_eq!(
			u128::from(hotkey_total(*h)),
			model.hotkey_total(*h).to_integer().try_into().unwrap(),
			"hotkey {} total",
			h
		);
	}
	prop_assert_eq!(crate::TotalForfeited::<Test>::get(), model.forfeited_rao(), "forfeited");
	prop_assert_eq!(crate::TotalRewardsMinted::<Test>::get(), model.minted, "minted");
	Ok(())
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

	#[test]
	fn every_position_matches_the_naive_model_to_the_rao(ops in prop::collection::vec(op(), 1..50)) {
		build_and_execute(|| {
			let mut model = Model::new(System::block_number());
			let mut credited = 0u64;
			for op in ops {
				let issuance = Balances::total_issuance();
				let minted_before = crate::TotalRewardsMinted::<Test>::get();
				let before = worths();
				let call = |c: u64, call: crate::Call<Test>| {
					events();
					RuntimeCall::Stake(call).dispatch(RawOrigin::Signed(c).into()).is_ok()
				};
				let mut burned = 0;
				// The coldkey whose positions the op may lower or close.
				let mut subject = None;
				match op {
					Op::Add(c, hotkey, amount) => if call(c, crate::Call::add_stake { hotkey, amount }) {
						let evs = events();
						let earned = staked(&evs, c, hotkey);
						check_earned(&model, c, hotkey, earned)?;
						model.add(c, hotkey, amount, earned);
					},
					Op::Remove(c, hotkey, amount) => {
						let was = worth(hotkey, c);
						if call(c, crate::Call::remove_stake { hotkey, amount }) {
							subject = Some(c);
							let evs = events();
							let released = removals(&evs);
							prop_assert_eq!(released.len(), 1);
							let expected = expected_removal(was, amount);
							prop_assert_eq!(released[0], (hotkey, expected, expected == was), "released what was asked, or all");
							let earned = staked(&evs, c, hotkey);
							check_earned(&model, c, hotkey, earned)?;
							model.remove(c, hotkey, released[0].1, earned, released[0].2);
						}
					},
					Op::Move(c, from_hotkey, to_hotkey, asked) => {
						let was = worth(from_hotkey, c);
						if call(c, crate::Call::move_stake { from_hotkey, to_hotkey, amount: asked }) {
							subject = Some(c);
							let evs = events();
							let amount = moved(&evs).unwrap();
							prop_assert_eq!(amount, expected_removal(was, asked), "moved what was asked, or all");
							let (earned_from, earned_to) = (staked(&evs, c, from_hotkey), staked(&evs, c, to_hotkey));
							check_earned(&model, c, from_hotkey, earned_from)?;
							check_earned(&model, c, to_hotkey, earned_to)?;
							let closed = Stake::position_value(&from_hotkey, &c) == (0, 0);
							prop_assert_eq!(closed, amount == was);
							model.move_stake(c, (from_hotkey, earned_from, closed), (to_hotkey, earned_to), amount);
						}
					},
					Op::UnstakeAll(c) => if call(c, crate::Call::unstake_all {}) {
						subject = Some(c);
						let evs = events();
						for (hotkey, amount, closed) in removals(&evs) {
							prop_assert!(closed);
							let earned = staked(&evs, c, hotkey);
							check_earned(&model, c, hotkey, earned)?;
							model.remove(c, hotkey, amount, earned, true);
						}
						prop_assert!(model.positions_of(c).is_empty());
					},
					Op::Claim(c, hotkey) => if call(c, crate::Call::claim { hotkey }) {
						let earned = staked(&events(), c, hotkey);
						check_earned(&model, c, hotkey, earned)?;
						model.claim(c, hotkey, earned);
					},
					Op::Dividends(h, a) => {
						events();
						let owned = MockRegistry::hotkey_owner(&h).map(|o| (o, worth(h, o)));
						let paid = Stake::credit_dividends(&h, a);
						credited += paid;
						if let Some((owner, was)) = owned {
							prop_assert_eq!(paid, a);
							let take = take(&events());
							prop_assert_eq!(worth(h, owner), was + take, "the owner's position shows the whole take");
							if a > 0 {
								model.dividends(h, owner, a, StreamBlocks::get());
							}
						} else {
							prop_assert_eq!(paid, 0);
						}
					},
					Op::Incentive(h, a) => {
						let owned = MockRegistry::hotkey_owner(&h).map(|o| (o, worth(h, o)));
						let paid = Stake::credit_incentive(&h, a);
						credited += paid;
						if let Some((owner, was)) = owned {
							prop_assert_eq!(paid, a);
							prop_assert_eq!(worth(h, owner), was + a, "the owner's position shows the whole incentive");
							if a > 0 {
								model.incentive(h, owner, a);
							}
						}
					},
					Op::Swap(h, new) => {
						let owner = MockRegistry::hotkey_owner(&h);
						if call(owner.unwrap_or(1), crate::Call::swap_hotkey { old: h, new }) {
							model.swap(h, new);
							burned = TAO;
						}
					},
					Op::Blocks(k) => {
						run_to(System::block_number() + k);
						model.advance(System::block_number());
					},
				}
				let after = worths();
				for ((id, c), was) in before {
					if Some(c) != subject {
						prop_assert!(
							after.get(&(id, c)).is_some_and(|now| *now >= was),
							"position ({}, {}) of a coldkey that did nothing lost value",
							id,
							c
						);
					}
				}
				let minted = crate::TotalRewardsMinted::<Test>::get() - minted_before;
				prop_assert_eq!(Balances::total_issuance(), issuance + minted - burned, "issuance moves only by mints and fees");
				if let Err(e) = Stake::do_try_state() {
					return Err(TestCaseError::fail(format!("{e:?}")));
				}
				same_as_model(&model)?;
				let ledger = Stake::ledger();
				prop_assert_eq!(credited, ledger.minted + ledger.owed + ledger.forfeited, "every credited rao accounted for");
			}
			Ok(())
		})?;
	}
}
