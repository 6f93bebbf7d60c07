//! `metagraphApi.metagraph` on the largest subnet: each page reads the
//! subnet's vectors once, and stays within the node's RPC response limit.
//! The time it takes is printed (`cargo test -p yuma-runtime --test
//! metagraph -- --nocapture`), not asserted: natively, and in the WASM
//! runtime the node runs, called through the node's executor as an RPC
//! call reaches it.

#![allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::expect_used, clippy::unwrap_used)]

use codec::{Decode, Encode};
use frame_support::{assert_ok, BoundedVec};
use sp_keyring::Sr25519Keyring::Alice;
use yuma_runtime::{
	queries,
	yuma_api::{NeuronInfo, MAX_METAGRAPH_PAGE_BYTES, MAX_PAGE},
	AccountId, Runtime, RuntimeOrigin, Subnets,
};

mod common;
use common::*;

const N: u16 = 4096;
const VALIDATORS: u16 = 256;

fn hotkey(uid: u16) -> AccountId {
	let mut raw = [7u8; 32];
	raw[..2].copy_from_slice(&uid.to_le_bytes());
	AccountId::from(raw)
}

/// Subnet 1 as 4,096 registrations and an epoch would leave it, written
/// directly (the registrations are not what is measured): 256 validators
/// with a full row of weights and of bonds each, every vector 4,096 long.
fn largest_subnet() -> u16 {
	let owner = account(Alice);
	assert_ok!(Subnets::register_network(RuntimeOrigin::signed(owner.clone())));
	let netuid = 1;
	for uid in 0..N {
		pallet_subnets::Keys::<Runtime>::insert(netuid, uid, hotkey(uid));
		pallet_subnets::Uids::<Runtime>::insert(netuid, hotkey(uid), uid);
		pallet_subnets::HotkeyOwner::<Runtime>::insert(hotkey(uid), owner.clone());
	}
	pallet_subnets::SubnetN::<Runtime>::insert(netuid, N);
	pallet_subnets::RegisteredAt::<Runtime>::insert(netuid, BoundedVec::truncate_from(vec![1u64; usize::from(N)]));
	pallet_subnets::PruningScores::<Runtime>::insert(netuid, BoundedVec::truncate_from(vec![5u64; usize::from(N)]));
	let row: Vec<(u16, u16)> = (0..N).map(|j| (j, 65_535 - j)).collect();
	for v in 0..VALIDATORS {
		pallet_weights::Weights::<Runtime>::insert(netuid, v, BoundedVec::truncate_from(row.clone()));
		pallet_weights::LastUpdate::<Runtime>::insert(netuid, v, 1);
		pallet_emission::Bonds::<Runtime>::insert(netuid, v, BoundedVec::truncate_from(row.clone()));
	}
	let u16s = || BoundedVec::truncate_from(vec![1_000u16; usize::from(N)]);
	let bools = |b: bool| BoundedVec::truncate_from(vec![b; usize::from(N)]);
	pallet_emission::Metagraphs::<Runtime>::insert(
		netuid,
		pallet_emission::Metagraph {
			consensus: u16s(),
			incentive: u16s(),
			dividends: u16s(),
			trust: u16s(),
			validator_trust: u16s(),
			rank: u16s(),
			emission: BoundedVec::truncate_from(vec![9u64; usize::from(N)]),
			validator_permit: bools(true),
			active: bools(true),
		},
	);
	netuid
}

/// Every page of subnet `netuid`'s metagraph from `page` (one call each),
/// with each page's encoded size.
fn whole_metagraph(mut page: impl FnMut(u16) -> Vec<NeuronInfo<AccountId>>) -> (Vec<NeuronInfo<AccountId>>, Vec<usize>) {
	let (mut all, mut sizes) = (Vec::new(), Vec::new());
	while all.len() < usize::from(N) {
		let neurons = page(u16::try_from(all.len()).unwrap());
		assert!(!neurons.is_empty(), "a page always holds a neuron");
		sizes.push(neurons.encode().len());
		all.extend(neurons);
	}
	(all, sizes)
}

#[test]
fn the_whole_metagraph_of_the_largest_subnet_pages_within_the_response_limit() {
	let mut ext = state_of("development");
	let netuid = ext.execute_with(largest_subnet);
	let native = ext.execute_with(|| {
		let mut elapsed = std::time::Duration::ZERO;
		let (all, sizes) = whole_metagraph(|start| {
			let started = std::time::Instant::now();
			let page = queries::metagraph(netuid, start, MAX_PAGE as u16);
			elapsed += started.elapsed();
			page
		});
		let total: usize = sizes.iter().sum();
		println!(
			"metagraph of {N} uids ({VALIDATORS} validators with full weights and bonds): {} pages, {total} bytes \
			 ({} kB largest page), {elapsed:?} native (this build's profile)",
			sizes.len(),
			sizes.iter().max().unwrap() / 1024,
		);
		// The Vec's length prefix is the only byte beyond the bound.
		assert!(sizes.iter().all(|s| *s <= MAX_METAGRAPH_PAGE_BYTES + 4), "{sizes:?}");
		// As hex in JSON (twice the bytes), every page fits the default 10 MiB response.
		assert!(sizes.iter().all(|s| 2 * s + 1024 < 10 * 1024 * 1024));
		assert_eq!(all.iter().map(|n| n.uid).collect::<Vec<_>>(), (0..N).collect::<Vec<_>>(), "every uid, once, in order");
		let v = &all[0];
		assert_eq!((v.weights.len(), v.bonds.len()), (usize::from(N), usize::from(N)));
		assert_eq!((v.pruning_score, v.registered_at, v.emission, v.last_update), (5, 1, 9, 1));
		assert!(all[usize::from(VALIDATORS)].weights.is_empty(), "miners set no weights");
		// The same neuron alone, as `neuron` answers it.
		assert_eq!(queries::neuron(netuid, 300).as_ref(), all.get(300));
		all
	});

	// The same pages from the WASM runtime, run by the executor the node
	// uses (wasmtime, the node's default heap), on the same state. The first
	// call compiles the runtime; what is timed is the calls after it.
	use sp_core::traits::{CallContext, CodeExecutor, RuntimeCode, WrappedRuntimeCode};
	let code = yuma_runtime::WASM_BINARY.expect("the WASM runtime is built (SKIP_WASM_BUILD unset)");
	let executor = sc_executor::WasmExecutor::<sp_io::SubstrateHostFunctions>::builder().build();
	let fetch = WrappedRuntimeCode(code.into());
	let runtime_code = RuntimeCode { code_fetcher: &fetch, heap_pages: None, hash: sp_io::hashing::blake2_256(code).to_vec() };
	// Only the runtime's part is timed: the call, which returns the page
	// encoded as it goes out over RPC; decoding it is the client's work.
	let in_runtime = std::cell::Cell::new(std::time::Duration::ZERO);
	let mut call = |start: u16| -> Vec<NeuronInfo<AccountId>> {
		let data = (netuid, start, MAX_PAGE as u16).encode();
		let started = std::time::Instant::now();
		let (out, _) = executor.call(&mut ext.ext(), &runtime_code, "MetagraphApi_metagraph", &data, CallContext::Offchain);
		in_runtime.set(in_runtime.get() + started.elapsed());
		Decode::decode(&mut &out.expect("the call succeeds")[..]).expect("decodes")
	};
	let first = call(0);
	assert!(first[..] == native[..first.len()], "the first page, which compiled the runtime");
	in_runtime.set(std::time::Duration::ZERO);
	let (wasm, sizes) = whole_metagraph(&mut call);
	println!(
		"the same from the WASM runtime: {} pages, {} bytes, {:?} in the runtime calls (wasmtime, compiled \
		 before timing; this build's host functions)",
		sizes.len(),
		sizes.iter().sum::<usize>(),
		in_runtime.get(),
	);
	assert!(wasm == native, "the WASM runtime answers as the native one");
}
