//! Declared weights against the benchmarks and the block: every call of our
//! pallets declares its worst case (at least what its benchmark measured
//! at the components it can meet), fits in a block at that worst case, and
//! the README's capacity figures (`cargo test -p yuma-runtime --test
//! capacity -- --nocapture` prints them) follow from the weights.

#![allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::expect_used, clippy::unwrap_used)]

use frame_support::{
	dispatch::{DispatchClass, GetDispatchInfo},
	weights::Weight,
};
use pallet_subnets::{Hyperparameter, MAX_COMMITMENT_LEN, MAX_PROPOSED_HYPERPARAMETERS, MAX_UIDS_BOUND};
use pallet_weights::{MAX_BATCH, MAX_ROW_LEN, MAX_SALT_LEN};
use sp_keyring::Sr25519Keyring::{Alice, Bob};
use yuma_runtime::{configs::RuntimeBlockWeights, weights, Runtime, RuntimeCall};

mod common;
use common::account;

type SubnetsW = weights::pallet_subnets::WeightInfo<Runtime>;
type StakeW = weights::pallet_stake::WeightInfo<Runtime>;
type WeightsW = weights::pallet_weights::WeightInfo<Runtime>;

/// A row of `k` uids.
fn row(k: u32) -> (Vec<u16>, Vec<u16>) {
	((0..k as u16).collect(), vec![1; k as usize])
}

fn set_weights(k: u32) -> RuntimeCall {
	let (uids, values) = row(k);
	RuntimeCall::Weights(pallet_weights::Call::set_weights { netuid: 1, uids, values, version_key: 0 })
}

fn reveal_weights(k: u32) -> RuntimeCall {
	let (uids, values) = row(k);
	RuntimeCall::Weights(pallet_weights::Call::reveal_weights {
		netuid: 1,
		uids,
		values,
		salt: vec![0; MAX_SALT_LEN],
		version_key: 0,
	})
}

/// A root row (netuid 0) over every subnet but root; a reveal if `reveal`.
fn root_row(reveal: bool) -> RuntimeCall {
	let subnets = u32::from(<Runtime as pallet_subnets::Config>::SubnetLimit::get()) - 1;
	let (uids, values) = ((1..=subnets as u16).collect::<Vec<_>>(), vec![1; subnets as usize]);
	RuntimeCall::Weights(if reveal {
		pallet_weights::Call::reveal_weights { netuid: 0, uids, values, salt: vec![0; MAX_SALT_LEN], version_key: 0 }
	} else {
		pallet_weights::Call::set_weights { netuid: 0, uids, values, version_key: 0 }
	})
}

/// Every call of pallet-subnets, pallet-stake and pallet-weights at its
/// largest arguments, with the weight its benchmark gives the worst case
/// it can meet.
fn worst_cases() -> Vec<(&'static str, RuntimeCall, Weight)> {
	use pallet_stake::WeightInfo as _;
	use pallet_subnets::WeightInfo as _;
	use pallet_weights::WeightInfo as _;
	let (alice, bob) = (account(Alice), account(Bob));
	let subnets = u32::from(<Runtime as pallet_subnets::Config>::SubnetLimit::get());
	let root_members = u32::from(<Runtime as pallet_subnets::Config>::MaxRootMembers::get());
	let positions = <Runtime as pallet_stake::Config>::MaxPositionsPerColdkey::get();
	let (uids, values) = row(MAX_ROW_LEN);
	let batch_set: Vec<pallet_weights::SetItem> =
		(0..MAX_BATCH).map(|i| (i as u16, uids.clone(), values.clone(), 0)).collect();
	let batch_reveal: Vec<pallet_weights::RevealItem> =
		(0..MAX_BATCH).map(|i| (i as u16, uids.clone(), values.clone(), vec![0; MAX_SALT_LEN], 0)).collect();
	let hyperparameters = vec![Hyperparameter::ImmunityPeriod(1); MAX_PROPOSED_HYPERPARAMETERS as usize];
	vec![
		("register_network", RuntimeCall::Subnets(pallet_subnets::Call::register_network {}), SubnetsW::register_network_pruning()),
		("dissolve_network", RuntimeCall::Subnets(pallet_subnets::Call::dissolve_network { netuid: 1 }), SubnetsW::dissolve_network()),
		(
			"set_hyperparameter",
			RuntimeCall::Subnets(pallet_subnets::Call::set_hyperparameter { netuid: 1, value: Hyperparameter::Tempo(1) }),
			SubnetsW::set_hyperparameter(),
		),
		(
			"burned_register",
			RuntimeCall::Subnets(pallet_subnets::Call::burned_register { netuid: 1, hotkey: bob.clone() }),
			SubnetsW::burned_register(MAX_UIDS_BOUND.into()),
		),
		(
			"register",
			RuntimeCall::Subnets(pallet_subnets::Call::register {
				netuid: 1,
				block_number: 0,
				nonce: 0,
				work: [0; 32],
				hotkey: bob.clone(),
			}),
			SubnetsW::register(MAX_UIDS_BOUND.into()),
		),
		("root_register", RuntimeCall::Subnets(pallet_subnets::Call::root_register { hotkey: bob.clone() }), SubnetsW::root_register(root_members)),
		(
			"serve_axon",
			RuntimeCall::Subnets(pallet_subnets::Call::serve_axon { netuid: 1, version: 0, ip: 1, port: 1, ip_type: 4, protocol: 0 }),
			SubnetsW::serve_axon(),
		),
		(
			"serve_prometheus",
			RuntimeCall::Subnets(pallet_subnets::Call::serve_prometheus { netuid: 1, version: 0, ip: 1, port: 1, ip_type: 4 }),
			SubnetsW::serve_prometheus(),
		),
		(
			"commit",
			RuntimeCall::Subnets(pallet_subnets::Call::commit { netuid: 1, data: vec![0; MAX_COMMITMENT_LEN as usize] }),
			SubnetsW::commit(MAX_COMMITMENT_LEN),
		),
		(
			"create_subnet",
			RuntimeCall::Subnets(pallet_subnets::Call::create_subnet {
				owner: alice.clone(),
				hyperparameters: hyperparameters.try_into().unwrap(),
			}),
			SubnetsW::create_subnet(MAX_PROPOSED_HYPERPARAMETERS),
		),
		(
			"set_subnet_default",
			RuntimeCall::Subnets(pallet_subnets::Call::set_subnet_default { value: Hyperparameter::Tempo(1) }),
			SubnetsW::set_subnet_default(),
		),
		("add_stake", RuntimeCall::Stake(pallet_stake::Call::add_stake { hotkey: bob.clone(), amount: 1 }), StakeW::add_stake()),
		("remove_stake", RuntimeCall::Stake(pallet_stake::Call::remove_stake { hotkey: bob.clone(), amount: 1 }), StakeW::remove_stake()),
		("unstake_all", RuntimeCall::Stake(pallet_stake::Call::unstake_all {}), StakeW::unstake_all(positions)),
		(
			"move_stake",
			RuntimeCall::Stake(pallet_stake::Call::move_stake { from_hotkey: alice.clone(), to_hotkey: bob.clone(), amount: 1 }),
			StakeW::move_stake(),
		),
		(
			"decrease_take",
			RuntimeCall::Stake(pallet_stake::Call::decrease_take { hotkey: bob.clone(), take: Default::default() }),
			StakeW::decrease_take(),
		),
		(
			"increase_take",
			RuntimeCall::Stake(pallet_stake::Call::increase_take { hotkey: bob.clone(), take: Default::default() }),
			StakeW::increase_take(),
		),
		(
			"swap_hotkey",
			RuntimeCall::Stake(pallet_stake::Call::swap_hotkey { old: alice.clone(), new: bob.clone() }),
			StakeW::swap_hotkey(subnets),
		),
		("claim", RuntimeCall::Stake(pallet_stake::Call::claim { hotkey: bob }), StakeW::claim()),
		("set_weights", set_weights(MAX_ROW_LEN), WeightsW::set_weights(MAX_ROW_LEN)),
		(
			"commit_weights",
			RuntimeCall::Weights(pallet_weights::Call::commit_weights { netuid: 1, hash: [0; 32] }),
			WeightsW::commit_weights(),
		),
		("reveal_weights", reveal_weights(MAX_ROW_LEN), WeightsW::reveal_weights(MAX_ROW_LEN)),
		// Root rows: every subnet of a full registry listed and read.
		("set_weights", root_row(false), WeightsW::set_root_weights()),
		("reveal_weights", root_row(true), WeightsW::reveal_root_weights()),
		(
			"batch_set_weights",
			RuntimeCall::Weights(pallet_weights::Call::batch_set_weights { items: batch_set }),
			WeightsW::batch_set_weights(MAX_BATCH)
				.saturating_add(WeightsW::set_weights(MAX_ROW_LEN).saturating_mul(MAX_BATCH.into()))
				.saturating_add(WeightsW::set_root_weights()),
		),
		(
			"batch_reveal_weights",
			RuntimeCall::Weights(pallet_weights::Call::batch_reveal_weights { items: batch_reveal }),
			WeightsW::batch_reveal_weights(MAX_BATCH)
				.saturating_add(WeightsW::reveal_weights(MAX_ROW_LEN).saturating_mul(MAX_BATCH.into()))
				.saturating_add(WeightsW::reveal_root_weights()),
		),
	]
}

/// Every call of the three pallets is in the list (a new call must join it).
#[test]
fn the_list_has_every_call() {
	use frame_support::traits::GetCallName;
	let listed: Vec<&str> = worst_cases().into_iter().map(|(name, _, _)| name).collect();
	let calls = pallet_subnets::Call::<Runtime>::get_call_names()
		.iter()
		.chain(pallet_stake::Call::<Runtime>::get_call_names())
		.chain(pallet_weights::Call::<Runtime>::get_call_names());
	for call in calls {
		assert!(listed.contains(call), "{call} is not checked");
	}
}

#[test]
fn every_call_declares_at_least_its_benchmarked_worst_case() {
	for (name, call, measured) in worst_cases() {
		let declared = call.get_dispatch_info().call_weight;
		assert!(measured.all_lte(declared), "{name}: declares {declared:?}, its worst case measured {measured:?}");
		assert!(measured.ref_time() > 0, "{name}: a measured weight is never zero");
	}
}

#[test]
fn every_call_fits_in_a_block_at_its_worst_case() {
	let limits = RuntimeBlockWeights::get();
	let normal = limits.get(DispatchClass::Normal);
	let max = normal.max_extrinsic.expect("normal extrinsics have a limit");
	for (name, call, _) in worst_cases() {
		let total = weight_in_block(&call);
		assert!(total.all_lte(max), "{name}: {total:?} is over the {max:?} a transaction may use");
	}
}

/// What a signed transaction of `call` weighs in a block: the call, the
/// transaction extensions' (`CheckWeights` checks a weight call's row) and
/// the base of every extrinsic.
fn weight_in_block(call: &RuntimeCall) -> Weight {
	use sp_runtime::traits::TransactionExtension;
	let normal = RuntimeBlockWeights::get().get(DispatchClass::Normal).base_extrinsic;
	let extensions = common::tx_extension(0).weight(call);
	call.get_dispatch_info().total_weight().saturating_add(extensions).saturating_add(normal)
}

/// How many of `call` fit in one block's normal share, by weight and length.
fn per_block(call: &RuntimeCall) -> (u64, usize) {
	use codec::Encode;
	let limits = RuntimeBlockWeights::get();
	let normal = limits.get(DispatchClass::Normal);
	let room = normal.max_total.unwrap_or(limits.max_block).saturating_sub(limits.base_block);
	let each = weight_in_block(call);
	let by_weight = room.ref_time() / each.ref_time().max(1);
	// A signed transaction: the call, plus about 110 bytes of address, signature and extensions.
	let length = call.encode().len() + 110;
	let max_length = *<Runtime as frame_system::Config>::BlockLength::get().max.get(DispatchClass::Normal) as usize;
	(by_weight.min((max_length / length) as u64), length)
}

#[test]
fn capacity_figures() {
	let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive { dest: account(Bob).into(), value: 1 });
	let register =
		RuntimeCall::Subnets(pallet_subnets::Call::burned_register { netuid: 1, hotkey: account(Bob) });
	let rows: Vec<(String, RuntimeCall)> = vec![
		("transfer_keep_alive".into(), transfer),
		("set_weights, 64 uids".into(), set_weights(64)),
		("set_weights, 1,024 uids".into(), set_weights(1_024)),
		("set_weights, 4,096 uids".into(), set_weights(4_096)),
		("burned_register (declared at 4,096 uids)".into(), register),
	];
	use sp_runtime::traits::TransactionExtension;
	let us = |w: Weight| w.ref_time() / 1_000_000;
	let base = RuntimeBlockWeights::get().get(DispatchClass::Normal).base_extrinsic;
	println!("| call | ref time (µs) | the call | extensions | base | per block |");
	println!("|---|---:|---:|---:|---:|---:|");
	for (name, call) in rows {
		let (count, _) = per_block(&call);
		let extensions = common::tx_extension(0).weight(&call);
		let own = call.get_dispatch_info().total_weight();
		println!("| {name} | {} | {} | {} | {} | {count} |", us(weight_in_block(&call)), us(own), us(extensions), us(base));
		assert!(count >= 1, "{name}: not one fits in a block");
	}
}
