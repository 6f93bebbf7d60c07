//! Any sequence of stake operations, rewards and blocks: every position is
//! worth exactly what the naive model ([`super::model`]) says, to the rao;
//! every invariant holds; staking never changes total issuance (only minting
//! owed rewards and burning swap fees do, by exactly those amounts).

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

/// Rao released by the `StakeRemoved` events of the last call, in order.
fn removals() -> Vec<(u64, u64)> {
	events()
		.into_iter()
		.filter_map(|e| match e {
			Event::StakeRemoved { hotkey, amount, .. } => Some((hotkey, amount)),
			_ => None,
		})
		.collect()
}

fn moved() -> Option<u64> {
	events().into_iter().find_map(|e| match e {
		Event::StakeMoved { amount, .. } => Some(amount),
		_ => None,
	})
}

/// Every position of the pallet against the model, and the ledger.
pub fn same_as_model(model: &Model) -> Result<(), TestCaseError> {
	let mut pallet: Vec<(u64, u64)> = crate::Stake::<Test>::iter()
		.map(|(id, c, _)| (crate::Pools::<Test>::get(id).unwrap().hotkey, c))
		.collect();
	pallet.sort();
	let mut modelled = model.all();
	modelled.sort();
	prop_assert_eq!(&pallet, &modelled, "the same positions");
	for (h, c) in modelled {
		prop_assert_eq!(Stake::position_value(&h, &c), model.worth(h, c), "position ({}, {})", h, c);
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
				let call = |c: u64, call: crate::Call<Test>| {
					events();
					RuntimeCall::Stake(call).dispatch(RawOrigin::Signed(c).into()).is_ok()
				};
				let mut burned = 0;
				match op {
					Op::Add(c, hotkey, amount) => if call(c, crate::Call::add_stake { hotkey, amount }) {
						model.add(c, hotkey, amount);
					},
					Op::Remove(c, hotkey, amount) => if call(c, crate::Call::remove_stake { hotkey, amount }) {
						let released = removals();
						prop_assert_eq!(released.len(), 1);
						model.remove(c, hotkey, released[0].1);
					},
					Op::Move(c, from_hotkey, to_hotkey, amount) =>
						if call(c, crate::Call::move_stake { from_hotkey, to_hotkey, amount }) {
							let amount = moved().unwrap();
							model.move_stake(c, from_hotkey, to_hotkey, amount);
						},
					Op::UnstakeAll(c) => if call(c, crate::Call::unstake_all {}) {
						for (hotkey, amount) in removals() {
							model.remove(c, hotkey, amount);
						}
						prop_assert!(model.positions_of(c).is_empty());
					},
					Op::Claim(c, hotkey) => if call(c, crate::Call::claim { hotkey }) {
						model.claim(c, hotkey);
					},
					Op::Dividends(h, a) => {
						let paid = Stake::credit_dividends(&h, a);
						credited += paid;
						if let Some(owner) = MockRegistry::hotkey_owner(&h) {
							prop_assert_eq!(paid, a);
							if a > 0 {
								model.dividends(h, owner, a, StreamBlocks::get());
							}
						} else {
							prop_assert_eq!(paid, 0);
						}
					},
					Op::Incentive(h, a) => {
						let paid = Stake::credit_incentive(&h, a);
						credited += paid;
						if let Some(owner) = MockRegistry::hotkey_owner(&h) {
							prop_assert_eq!(paid, a);
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
