//! Runtime benchmarks (feature `runtime-benchmarks`), run with
//! `yuma-node benchmark pallet` from a node built with the same feature.

use alloc::{string::String, vec::Vec};
use frame_benchmarking::{baseline, BenchmarkBatch, BenchmarkConfig, BenchmarkList};
use frame_support::traits::{StorageInfo, StorageInfoTrait, WhitelistedStorageKeys};
use sp_storage::TrackedStorageKey;

use super::{AllPalletsWithSystem, Runtime};

type SystemBench = frame_system_benchmarking::Pallet<Runtime>;
/// frame-system's transaction extensions (nonce, weight, era, ...).
type SystemExtensionsBench = frame_system_benchmarking::extensions::Pallet<Runtime>;
type BaselineBench = baseline::Pallet<Runtime>;
/// pallet-weights' calls, measured on the runtime's own subnets and stake.
type WeightsBench = yuma_benchmarks::weights::Pallet<Runtime>;
/// pallet-subnets' calls and hook, likewise.
type SubnetsBench = yuma_benchmarks::subnets::Pallet<Runtime>;
/// pallet-stake's calls, likewise.
type StakeBench = yuma_benchmarks::stake::Pallet<Runtime>;

impl frame_system_benchmarking::Config for Runtime {}
impl baseline::Config for Runtime {}
impl pallet_transaction_payment::BenchmarkConfig for Runtime {}

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench]
	[frame_system, SystemBench]
	[frame_system_extensions, SystemExtensionsBench]
	[pallet_transaction_payment, super::TransactionPayment]
	[pallet_balances, super::Balances]
	[pallet_timestamp, super::Timestamp]
	[pallet_sudo, super::Sudo]
	[pallet_utility, super::Utility]
	[pallet_emission, super::Emission]
	[pallet_subnets, SubnetsBench]
	[pallet_stake, StakeBench]
	[pallet_weights, WeightsBench]
	[pallet_governance, super::Governance]
	[pallet_preimage, super::Preimage]
	[pallet_scheduler, super::Scheduler]
	[pallet_validator_set, super::ValidatorSet]
);

/// The benchmarks this runtime offers, and what each pallet stores.
pub fn metadata(extra: bool) -> (Vec<BenchmarkList>, Vec<StorageInfo>) {
	let mut list = Vec::<BenchmarkList>::new();
	list_benchmarks!(list, extra);
	(list, AllPalletsWithSystem::storage_info())
}

/// Runs the benchmarks `config` selects.
pub fn dispatch(config: BenchmarkConfig) -> Result<Vec<BenchmarkBatch>, String> {
	let whitelist: Vec<TrackedStorageKey> = AllPalletsWithSystem::whitelisted_storage_keys();
	let mut batches = Vec::<BenchmarkBatch>::new();
	let params = (&config, &whitelist);
	add_benchmarks!(params, batches);
	Ok(batches)
}
