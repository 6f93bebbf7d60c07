//! Weight calls through the runtime's transaction pipeline, as signed
//! extrinsics: `validate_transaction` (what the pool asks) and
//! `apply_extrinsic` (what a block does). A weight call that would fail is
//! refused by `CheckWeights` with the error's index and costs nothing; a
//! valid one is free; nothing lets an unregistered key in.

#![allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::expect_used, clippy::unwrap_used)]

use codec::Encode;
use frame_support::assert_ok;
use pallet_subnets::Hyperparameter;
use sp_keyring::Sr25519Keyring::{self, Charlie, Ferdie};
use sp_runtime::{
	transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
	MultiAddress, MultiSignature,
};
use yuma_runtime::{
	Balances, Executive, Runtime, RuntimeCall, RuntimeOrigin, SignedPayload, Subnets, System,
	UncheckedExtrinsic,
};

mod common;
use common::*;

type WeightsCall = pallet_weights::Call<Runtime>;

/// `call` signed by `signer` at its current nonce, with no tip.
fn signed(signer: Sr25519Keyring, call: RuntimeCall) -> UncheckedExtrinsic {
	let who = signer.to_account_id();
	let nonce = System::account_nonce(&who);
	let extension = tx_extension(nonce);
	let payload = SignedPayload::new(call.clone(), extension.clone()).expect("implicit data");
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	UncheckedExtrinsic::new_signed(call, MultiAddress::Id(who), MultiSignature::Sr25519(signature), extension)
}

/// What the pool says of `xt`: checked as in the next block, on state
/// thrown away afterwards (as the node does).
fn pool(xt: &UncheckedExtrinsic) -> Result<(), TransactionValidityError> {
	let parent = System::parent_hash();
	frame_support::storage::with_transaction(|| {
		let validity = Executive::validate_transaction(TransactionSource::External, xt.clone(), parent);
		sp_runtime::TransactionOutcome::Rollback(Ok::<_, sp_runtime::DispatchError>(validity.map(|_| ())))
	})
	.expect("rolled back")
}

/// Starts block `n` as the node does (every pallet's `on_initialize`).
fn start_block(n: u32) {
	use sp_runtime::traits::Header as _;
	let header = yuma_runtime::Header::new(n, Default::default(), Default::default(), System::parent_hash(), Default::default());
	Executive::initialize_block(&header);
}

fn free(who: Sr25519Keyring) -> u64 {
	Balances::free_balance(who.to_account_id())
}

fn custom(error: pallet_weights::Error<Runtime>) -> TransactionValidityError {
	pallet_weights::refusal(error.into())
}

fn set(netuid: u16, uids: Vec<u16>, values: Vec<u16>) -> RuntimeCall {
	RuntimeCall::Weights(WeightsCall::set_weights { netuid, uids, values, version_key: 0 })
}

/// Ferdie holds no uid. Every weight call of his is refused by the pool
/// and by a block, with `NotRegistered` (custom error 1), and his balance
/// and nonce do not move: no free call, no fee.
#[test]
fn an_unregistered_key_gets_no_weight_call_into_a_block() {
	state_of("development").execute_with(|| {
		subnet_with_two_neurons(true);
		start_block(2);
		let before = free(Ferdie);
		let calls = [
			set(1, vec![0, 1], vec![1, 1]),
			RuntimeCall::Weights(WeightsCall::batch_set_weights { items: vec![(1, vec![0], vec![1], 0)] }),
		];
		for call in calls {
			let xt = signed(Ferdie, call);
			assert_eq!(pool(&xt), Err(InvalidTransaction::Custom(1).into()));
			assert_eq!(Executive::apply_extrinsic(xt), Err(InvalidTransaction::Custom(1).into()));
		}
		// With commit-reveal on: a commit and a reveal are refused the same way.
		assert_ok!(Subnets::set_hyperparameter(RuntimeOrigin::root(), 1, Hyperparameter::CommitRevealEnabled(true)));
		let commit = signed(Ferdie, RuntimeCall::Weights(WeightsCall::commit_weights { netuid: 1, hash: [7; 32] }));
		assert_eq!(pool(&commit), Err(custom(pallet_weights::Error::NotRegistered)));
		assert_eq!(Executive::apply_extrinsic(commit), Err(custom(pallet_weights::Error::NotRegistered)));
		let reveal = RuntimeCall::Weights(WeightsCall::reveal_weights {
			netuid: 1,
			uids: vec![0],
			values: vec![1],
			salt: vec![],
			version_key: 0,
		});
		assert_eq!(Executive::apply_extrinsic(signed(Ferdie, reveal)), Err(custom(pallet_weights::Error::NotRegistered)));
		assert_eq!(free(Ferdie), before, "no fee");
		assert_eq!(System::account_nonce(account(Ferdie)), 0, "nothing was applied");
	});
}

/// A registered validator's row is applied and costs nothing; the next one
/// in the same block is refused as rate limited (custom error 8), also for
/// nothing.
#[test]
fn a_valid_row_is_free_and_the_next_is_refused() {
	state_of("development").execute_with(|| {
		subnet_with_two_neurons(true);
		start_block(2);
		let before = free(Charlie);
		let xt = signed(Charlie, set(1, vec![1], vec![1]));
		assert_ok!(pool(&xt));
		assert_eq!(Executive::apply_extrinsic(xt), Ok(Ok(())));
		assert_eq!(pallet_weights::LastUpdate::<Runtime>::get(1, 0), Some(2));
		assert_eq!(free(Charlie), before, "Pays::No: no fee");
		assert_eq!(System::account_nonce(account(Charlie)), 1);

		let again = signed(Charlie, set(1, vec![1], vec![2]));
		assert_eq!(pool(&again), Err(InvalidTransaction::Custom(8).into()));
		assert_eq!(Executive::apply_extrinsic(again), Err(InvalidTransaction::Custom(8).into()));
		assert_eq!(free(Charlie), before);
		assert_eq!(System::account_nonce(account(Charlie)), 1);
	});
}

/// Commit-reveal is on by default: `set_weights` is refused in the pool
/// with `CommitRevealEnabled` (custom error 9) and costs nothing; a commit
/// and its reveal in the next epoch are free.
#[test]
fn set_weights_under_commit_reveal_is_refused_and_commit_reveal_is_free() {
	state_of("development").execute_with(|| {
		subnet_with_two_neurons(false);
		start_block(2);
		let before = free(Charlie);
		let xt = signed(Charlie, set(1, vec![1], vec![1]));
		assert_eq!(pool(&xt), Err(InvalidTransaction::Custom(9).into()));
		assert_eq!(Executive::apply_extrinsic(xt), Err(InvalidTransaction::Custom(9).into()));

		let salt = b"salt".to_vec();
		let hash = yuma_runtime::Weights::commit_hash(&account(Charlie), 1, &[1], &[7], &salt, 0);
		let commit = signed(Charlie, RuntimeCall::Weights(WeightsCall::commit_weights { netuid: 1, hash }));
		assert_eq!(Executive::apply_extrinsic(commit), Ok(Ok(())));
		let reveal = RuntimeCall::Weights(WeightsCall::reveal_weights {
			netuid: 1,
			uids: vec![1],
			values: vec![7],
			salt,
			version_key: 0,
		});
		// Before its epoch (the dev tempo's next epoch of netuid 1 starts at 19).
		assert_eq!(pool(&signed(Charlie, reveal.clone())), Err(custom(pallet_weights::Error::RevealTooEarly)));
		run_to_block(18);
		start_block(19);
		assert_eq!(Executive::apply_extrinsic(signed(Charlie, reveal)), Ok(Ok(())));
		assert_eq!(pallet_weights::LastUpdate::<Runtime>::get(1, 0), Some(19));
		assert_eq!(free(Charlie), before, "three weight calls, no fee");
	});
}

/// A weight call wrapped in `Utility::batch` is not seen by the check: it
/// pays the wrapper's fee like any call, so a failing one is not free.
#[test]
fn a_wrapped_weight_call_pays_its_fee() {
	state_of("development").execute_with(|| {
		subnet_with_two_neurons(false);
		start_block(2);
		let before = free(Ferdie);
		let wrapped = RuntimeCall::Utility(pallet_utility::Call::batch { calls: vec![set(1, vec![0], vec![1])] });
		let xt = signed(Ferdie, wrapped);
		assert_ok!(pool(&xt));
		assert_eq!(Executive::apply_extrinsic(xt), Ok(Ok(())), "the batch stops at its failing call");
		assert!(free(Ferdie) < before, "the fee is taken");
		assert_eq!(pallet_weights::LastUpdate::<Runtime>::get(1, 0), None);
	});
}

/// The extension adds nothing to a transaction's bytes or signed payload:
/// clients that do not know it sign and encode as before.
#[test]
fn the_extension_encodes_to_nothing() {
	assert!(pallet_weights::CheckWeights::<Runtime>::new().encode().is_empty());
}
