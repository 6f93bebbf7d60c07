//! The pool's check: a weight call is valid exactly when its dispatch would
//! succeed, it is refused with the error's index, and valid ones are free.

use frame_support::{
	assert_ok,
	dispatch::{GetDispatchInfo, Pays, RawOrigin},
};
use proptest::prelude::*;
use sp_runtime::{
	traits::{DispatchTransaction, Dispatchable},
	transaction_validity::{InvalidTransaction, TransactionSource::External, TransactionValidityError},
	DispatchError,
};

use crate::{mock::*, CheckWeights, Error, Event, LastUpdate, Weights as Rows};

/// `CheckWeights` alone on `call` by `who` (`None`: unsigned).
fn validate(who: Option<AccountId>, call: &RuntimeCall) -> Result<Vec<Vec<u8>>, TransactionValidityError> {
	let info = call.get_dispatch_info();
	CheckWeights::<Test>::new()
		.validate_only(who.into(), call, &info, 0, External, 0)
		.map(|(valid, _, _)| valid.provides)
}

fn refused(code: u8) -> Result<Vec<Vec<u8>>, TransactionValidityError> {
	Err(InvalidTransaction::Custom(code).into())
}

fn set(netuid: u16, uids: Vec<u16>, values: Vec<u16>) -> RuntimeCall {
	RuntimeCall::Weights(crate::Call::set_weights { netuid, uids, values, version_key: 0 })
}

fn commit(netuid: u16, hash: [u8; 32]) -> RuntimeCall {
	RuntimeCall::Weights(crate::Call::commit_weights { netuid, hash })
}

fn reveal(netuid: u16, uids: Vec<u16>, values: Vec<u16>, salt: &[u8]) -> RuntimeCall {
	RuntimeCall::Weights(crate::Call::reveal_weights { netuid, uids, values, salt: salt.to_vec(), version_key: 0 })
}

/// The custom code of `error`: its index among the pallet's errors.
fn code(error: Error<Test>) -> u8 {
	match DispatchError::from(error) {
		DispatchError::Module(m) => m.error[0],
		_ => unreachable!(),
	}
}

#[test]
fn every_weight_call_is_free() {
	build_and_execute(|| {
		let calls = [
			set(1, vec![1], vec![1]),
			commit(1, [0; 32]),
			reveal(1, vec![1], vec![1], b"s"),
			RuntimeCall::Weights(crate::Call::batch_set_weights { items: vec![(1, vec![1], vec![1], 0)] }),
			RuntimeCall::Weights(crate::Call::batch_reveal_weights {
				items: vec![(1, vec![1], vec![1], b"s".to_vec(), 0)],
			}),
		];
		for call in calls {
			assert_eq!(call.get_dispatch_info().pays_fee, Pays::No, "{call:?}");
		}
	});
}

/// The documented codes: clients name a refusal by this index in the
/// metadata's `Weights` errors.
#[test]
fn refusals_carry_the_errors_index() {
	build_and_execute(|| {
		assert_eq!(code(Error::<Test>::NotRegistered), 1);
		assert_eq!(code(Error::<Test>::RateLimited), 8);
		assert_eq!(code(Error::<Test>::CommitRevealEnabled), 9);
		assert_eq!(code(Error::<Test>::NotEnoughStakeWithoutPermit), 11);
		assert_eq!(code(Error::<Test>::NoMatchingCommit), 13);
		// Hotkey 99 holds no uid: refused, whatever the row.
		assert_eq!(validate(Some(99), &set(1, vec![1], vec![1])), refused(1));
		assert_eq!(validate(Some(99), &commit(1, [0; 32])), refused(code(Error::<Test>::CommitRevealDisabled)));
		// No such subnet.
		assert_eq!(validate(Some(10), &set(7, vec![1], vec![1])), refused(0));
		// A bad row: lengths differ, duplicates, out of range.
		assert_eq!(validate(Some(10), &set(1, vec![1, 2], vec![1])), refused(2));
		assert_eq!(validate(Some(10), &set(1, vec![1, 1], vec![1, 1])), refused(3));
		assert_eq!(validate(Some(10), &set(1, vec![9], vec![1])), refused(4));
	});
}

#[test]
fn a_valid_row_passes_once_per_window() {
	build_and_execute(|| {
		let call = set(1, vec![1], vec![1]);
		let tags = validate(Some(10), &call).unwrap();
		assert_eq!(tags.len(), 1);
		// Through the extension, as a block applies it: checked, then dispatched.
		let info = call.get_dispatch_info();
		let applied = CheckWeights::<Test>::new().test_run(Some(10).into(), &call, &info, 0, 0, |origin| {
			call.clone().dispatch(origin)
		});
		assert_ok!(applied.unwrap());
		assert_eq!(LastUpdate::<Test>::get(1, 0), Some(1));
		// The same uid again before the rate limit (100 blocks): refused.
		assert_eq!(validate(Some(10), &call), refused(8));
		System::set_block_number(100);
		assert_eq!(validate(Some(10), &call), refused(8));
		System::set_block_number(101);
		assert_eq!(validate(Some(10), &call).unwrap(), tags, "the same tag: one row per uid in the pool");
	});
}

/// Rate limit 0 still means one row per uid per block: otherwise a
/// validator could fill a block with free calls.
#[test]
fn rate_limit_zero_is_one_row_per_block() {
	build_and_execute(|| {
		set_hp(1, |hp| hp.weights_rate_limit = 0);
		let call = set(1, vec![1], vec![1]);
		assert_ok!(call.clone().dispatch(RawOrigin::Signed(10).into()));
		assert_eq!(validate(Some(10), &call), refused(8));
		assert_eq!(
			call.clone().dispatch(RawOrigin::Signed(10).into()).unwrap_err().error,
			Error::<Test>::RateLimited.into()
		);
		System::set_block_number(2);
		assert!(validate(Some(10), &call).is_ok());
	});
}

#[test]
fn commit_reveal_and_permits_are_checked() {
	build_and_execute(|| {
		set_hp(1, |hp| {
			hp.commit_reveal_enabled = true;
			hp.tempo = 9;
			hp.commit_reveal_period = 1;
			hp.validator_min_stake = 1_000;
		});
		set_stake(10, 1_000);
		System::set_block_number(10); // epoch 1 of netuid 1
		assert_eq!(validate(Some(10), &set(1, vec![1], vec![1])), refused(9), "commit-reveal is on");
		// Hotkey 11 has neither a permit nor the stake: no free commit.
		assert_eq!(validate(Some(11), &commit(1, [1; 32])), refused(11));
		assert_eq!(
			commit(1, [1; 32]).dispatch(RawOrigin::Signed(11).into()).unwrap_err().error,
			Error::<Test>::NotEnoughStakeWithoutPermit.into()
		);
		give_permit(1, 1);
		assert!(validate(Some(11), &commit(1, [1; 32])).is_ok(), "a permit is enough");

		let hash = crate::Pallet::<Test>::commit_hash(&10, 1, &[1], &[1], b"s", 0);
		let commit_tags = validate(Some(10), &commit(1, hash)).unwrap();
		assert_ok!(commit(1, hash).dispatch(RawOrigin::Signed(10).into()));
		let call = reveal(1, vec![1], vec![1], b"s");
		assert_eq!(validate(Some(10), &call), refused(14), "too early");
		assert_eq!(validate(Some(10), &reveal(1, vec![1], vec![1], b"t")), refused(13), "wrong salt");
		System::set_block_number(18); // epoch 2: its reveal epoch
		let reveal_tags = validate(Some(10), &call).unwrap();
		assert_ne!(reveal_tags, commit_tags, "a commit and a reveal can wait in the pool together");
		// A reveal and a row on the same subnet share a tag: one in the pool.
		set_hp(1, |hp| hp.commit_reveal_enabled = false);
		assert_eq!(validate(Some(10), &set(1, vec![1], vec![1])).unwrap(), reveal_tags);
		set_hp(1, |hp| hp.commit_reveal_enabled = true);
		System::set_block_number(28); // epoch 3: expired
		assert_eq!(validate(Some(10), &call), refused(15));
		assert_eq!(Rows::<Test>::get(1, 0), None);
	});
}

#[test]
fn a_batch_is_valid_only_if_every_item_is() {
	build_and_execute(|| {
		subnet(2, &[20, 10]);
		let batch = |items: Vec<crate::SetItem>| RuntimeCall::Weights(crate::Call::batch_set_weights { items });
		let good = batch(vec![(1, vec![1], vec![1], 0), (2, vec![0], vec![5], 0)]);
		assert_eq!(validate(Some(10), &good).unwrap().len(), 2, "one tag per subnet");
		// One bad item refuses the whole batch, with that item's error.
		let bad = batch(vec![(1, vec![1], vec![1], 0), (9, vec![1], vec![1], 0)]);
		assert_eq!(validate(Some(10), &bad), refused(0));
		// A subnet twice: its second row would be rate limited.
		let twice = batch(vec![(1, vec![1], vec![1], 0), (1, vec![2], vec![1], 0)]);
		assert_eq!(validate(Some(10), &twice), refused(8));
		assert_eq!(validate(Some(10), &batch(vec![])), refused(code(Error::<Test>::BadBatchSize)));
		assert_eq!(validate(Some(10), &batch(vec![(1, vec![1], vec![1], 0); 17])), refused(17));
		// Dispatching the valid batch succeeds in every item.
		events();
		assert_ok!(good.dispatch(RawOrigin::Signed(10).into()));
		let set = events();
		assert_eq!(set.len(), 2);
		assert!(set.iter().all(|e| matches!(e, Event::WeightsSet { .. })));
	});
}

#[test]
fn unsigned_weight_calls_are_refused_and_other_calls_pass() {
	build_and_execute(|| {
		assert_eq!(validate(None, &set(1, vec![1], vec![1])), Err(InvalidTransaction::BadSigner.into()));
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
		use sp_runtime::traits::{TransactionExtension, TxBaseImplication};
		// Unsigned: the extension lets other calls through untouched.
		let info = remark.get_dispatch_info();
		let passed = CheckWeights::<Test>::new().validate(None.into(), &remark, &info, 0, (), &TxBaseImplication(()), External);
		assert_eq!(passed.map(|(valid, _, _)| valid.provides), Ok(vec![]));
		assert_eq!(validate(Some(99), &remark), Ok(vec![]));
		assert_eq!(CheckWeights::<Test>::new().weight(&remark), frame_support::weights::Weight::zero());
		assert!(CheckWeights::<Test>::new().weight(&set(1, vec![1], vec![1])).ref_time() > 0);
	});
}

/// One step a hostile or careless caller may take.
#[derive(Debug, Clone)]
enum Step {
	Set { who: AccountId, netuid: u16, uids: Vec<u16>, values: Vec<u16>, version: u64 },
	Commit { who: AccountId, netuid: u16, salt: u8 },
	Reveal { who: AccountId, netuid: u16, salt: u8 },
	Batch { who: AccountId, netuids: Vec<u16> },
	Blocks(u64),
	Toggle { netuid: u16 },
	Stake { who: AccountId, amount: u64 },
}

fn step() -> impl Strategy<Value = Step> {
	let who = 9u64..=14;
	let netuid = 0u16..=2;
	prop_oneof![
		(who.clone(), netuid.clone(), prop::collection::vec(0u16..6, 0..4), prop::collection::vec(0u16..4, 0..4), 0u64..2)
			.prop_map(|(who, netuid, uids, values, version)| Step::Set { who, netuid, uids, values, version }),
		(who.clone(), netuid.clone(), 0u8..3).prop_map(|(who, netuid, salt)| Step::Commit { who, netuid, salt }),
		(who.clone(), netuid.clone(), 0u8..3).prop_map(|(who, netuid, salt)| Step::Reveal { who, netuid, salt }),
		(who.clone(), prop::collection::vec(netuid.clone(), 0..4)).prop_map(|(who, netuids)| Step::Batch { who, netuids }),
		(0u64..15).prop_map(Step::Blocks),
		netuid.prop_map(|netuid| Step::Toggle { netuid }),
		(who, prop_oneof![Just(0u64), Just(1_000)]).prop_map(|(who, amount)| Step::Stake { who, amount }),
	]
}

/// The row a commit of `salt` is to, so reveals can match it.
fn salted(salt: u8) -> (Vec<u16>, Vec<u16>, Vec<u8>) {
	(vec![1], vec![1], vec![salt])
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

	/// Whatever the caller and the state: the pool takes a weight call
	/// exactly when its dispatch succeeds (a batch: when every item does),
	/// so no failing weight call gets into a block for free.
	#[test]
	fn the_pool_takes_a_call_exactly_when_it_would_succeed(steps in prop::collection::vec(step(), 1..40)) {
		build_and_execute(|| {
			for netuid in [1, 2] {
				if netuid == 2 {
					subnet(2, &[12, 10, 13]);
				}
				set_hp(netuid, |hp| {
					hp.tempo = 4;
					hp.weights_rate_limit = 3;
					hp.commit_reveal_period = 1;
					hp.validator_min_stake = 1_000;
				});
			}
			give_permit(1, 0);
			for step in steps {
				let (who, call) = match step {
					Step::Blocks(n) => {
						System::set_block_number(System::block_number() + n);
						continue;
					},
					Step::Toggle { netuid } => {
						set_hp(netuid, |hp| hp.commit_reveal_enabled = !hp.commit_reveal_enabled);
						continue;
					},
					Step::Stake { who, amount } => {
						set_stake(who, amount);
						continue;
					},
					Step::Set { who, netuid, uids, values, version } => (
						who,
						RuntimeCall::Weights(crate::Call::set_weights { netuid, uids, values, version_key: version }),
					),
					Step::Commit { who, netuid, salt } => {
						let (uids, values, salt) = salted(salt);
						(who, commit(netuid, crate::Pallet::<Test>::commit_hash(&who, netuid, &uids, &values, &salt, 0)))
					},
					Step::Reveal { who, netuid, salt } => {
						let (uids, values, salt) = salted(salt);
						(who, reveal(netuid, uids, values, &salt))
					},
					Step::Batch { who, netuids } => (
						who,
						RuntimeCall::Weights(crate::Call::batch_set_weights {
							items: netuids.into_iter().map(|n| (n, vec![0], vec![1], 0)).collect(),
						}),
					),
				};
				let verdict = validate(Some(who), &call);
				events();
				let result = call.clone().dispatch(RawOrigin::Signed(who).into());
				let item_failed = events().iter().any(|e| matches!(e, Event::BatchItemFailed { .. }));
				match (&verdict, &result) {
					(Ok(_), Ok(_)) => prop_assert!(!item_failed, "a valid batch succeeds in every item: {call:?}"),
					(Ok(_), Err(e)) => prop_assert!(false, "valid in the pool, failed in the block: {call:?} {e:?}"),
					(Err(refusal), Err(e)) => prop_assert_eq!(*refusal, crate::refusal(e.error), "{:?}", call),
					// Only a batch dispatches Ok while the pool refuses it: an item failed.
					(Err(_), Ok(_)) => prop_assert!(item_failed, "refused, yet it would succeed: {call:?}"),
				}
			}
			Ok(())
		})?;
	}
}
