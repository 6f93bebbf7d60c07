//! Any sequence of stake operations keeps the invariants, and staking never
//! changes total issuance (rewards raise it by exactly what they credit).

use frame_support::dispatch::RawOrigin;
use proptest::prelude::*;
use sp_runtime::traits::Dispatchable;
use yuma_primitives::StakeRewards;

use crate::mock::*;

#[derive(Clone, Debug)]
enum Op {
	Add(u64, u64, u64),
	Remove(u64, u64, u64),
	Move(u64, u64, u64, u64),
	UnstakeAll(u64),
	Dividends(u64, u64),
	Incentive(u64, u64),
	Swap(u64, u64),
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
		(hotkey.clone(), 0u64..10 * TAO).prop_map(|(h, a)| Op::Dividends(h, a)),
		(hotkey.clone(), 0u64..10 * TAO).prop_map(|(h, a)| Op::Incentive(h, a)),
		(hotkey, 200u64..203).prop_map(|(h, n)| Op::Swap(h, n)),
	]
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

	#[test]
	fn stake_operations_keep_every_invariant(ops in prop::collection::vec(op(), 1..40)) {
		build_and_execute(|| {
			for op in ops {
				let issuance = Balances::total_issuance();
				let call = |c: u64, call: crate::Call<Test>| {
					let _ = RuntimeCall::Stake(call).dispatch(RawOrigin::Signed(c).into());
				};
				let mut expected = issuance;
				match op {
					Op::Add(c, hotkey, amount) => call(c, crate::Call::add_stake { hotkey, amount }),
					Op::Remove(c, hotkey, amount) => call(c, crate::Call::remove_stake { hotkey, amount }),
					Op::Move(c, from_hotkey, to_hotkey, amount) =>
						call(c, crate::Call::move_stake { from_hotkey, to_hotkey, amount }),
					Op::UnstakeAll(c) => call(c, crate::Call::unstake_all {}),
					Op::Dividends(h, a) => expected += Stake::credit_dividends(&h, a),
					Op::Incentive(h, a) => expected += Stake::credit_incentive(&h, a),
					Op::Swap(h, new) => {
						let owner = <MockRegistry as yuma_primitives::SubnetRegistry<u64>>::hotkey_owner(&h);
						let before = Balances::total_issuance();
						call(owner.unwrap_or(1), crate::Call::swap_hotkey { old: h, new });
						// A swap burns its fee and nothing else.
						let burned = before - Balances::total_issuance();
						prop_assert!(burned == 0 || burned == TAO);
						expected -= burned;
					},
				}
				prop_assert_eq!(Balances::total_issuance(), expected);
				if let Err(e) = Stake::do_try_state() {
					return Err(TestCaseError::fail(format!("{e:?}")));
				}
			}
			Ok(())
		})?;
	}
}
