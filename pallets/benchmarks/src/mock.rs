//! The benchmarks' test runtime: the real Balances, Subnets, Stake, Weights
//! and Emission, wired as in the chain's runtime (limits small where a test
//! would only wait on them).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects, clippy::indexing_slicing)]

use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU16, ConstU32, ConstU64},
};
use sp_runtime::{BuildStorage, Perbill};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Subnets: pallet_subnets,
		Stake: pallet_stake,
		Weights: pallet_weights,
		Emission: pallet_emission,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type ExistentialDeposit = ConstU64<500>;
	type DustRemoval = pallet_emission::Recycler<Test>;
}

const TAO: u64 = 1_000_000_000;

parameter_types! {
	pub const MaxTake: Perbill = Perbill::from_percent(18);
	pub const OwnerCut: Perbill = Perbill::from_percent(18);
	/// Half of a block for epochs, as the emission pallet requires at most.
	pub EpochBudget: frame_support::weights::Weight = {
		let max = <<Test as frame_system::Config>::BlockWeights as frame_support::traits::Get<
			frame_system::limits::BlockWeights,
		>>::get()
		.max_block;
		frame_support::weights::Weight::from_parts(max.ref_time() / 2, max.proof_size() / 2)
	};
}

impl pallet_subnets::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type Recycle = pallet_emission::Recycler<Test>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type StakeInfo = Stake;
	type Hooks = (Stake, (Weights, Emission));
	// Room for a batch's sixteen subnets and root.
	type SubnetLimit = ConstU16<32>;
	type SubnetImmunityPeriod = ConstU64<100>;
	type NetworkRateLimit = ConstU64<0>;
	type NetworkMinLock = ConstU64<TAO>;
	type NetworkLockDecayPeriod = ConstU64<100>;
	type MaxRootMembers = ConstU16<64>;
	type ClearPerBlock = ConstU32<1_024>;
	type CommitmentRateLimit = ConstU64<1>;
	type GovernanceOrigin = frame_system::EnsureRoot<u64>;
	type ParametersOrigin = frame_system::EnsureRoot<u64>;
	type WeightInfo = ();
}

impl pallet_stake::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type Recycle = pallet_emission::Recycler<Test>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Registry = Subnets;
	type HotkeySwap = Subnets;
	type VoteLocks = ();
	type MinStake = ConstU64<2_000_000>;
	type MaxTake = MaxTake;
	type TakeIncreaseInterval = ConstU64<216_000>;
	type HotkeySwapCost = ConstU64<TAO>;
	type MaxPositionsPerColdkey = ConstU32<64>;
	type RewardStreamBlocks = ConstU64<1>;
	type WeightInfo = ();
}

impl pallet_weights::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Registry = Subnets;
	type StakeInfo = Stake;
	type Permits = Emission;
	type MaxPendingCommits = ConstU32<10>;
	type WeightInfo = ();
}

impl pallet_emission::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type Registry = Subnets;
	type Stake = Stake;
	type Weights = Weights;
	type BlockEmission = ConstU64<TAO>;
	type SupplyCap = ConstU64<{ 21_000_000 * TAO }>;
	type OwnerCut = OwnerCut;
	type EpochBudget = EpochBudget;
	type OnRootEpoch = ();
	type WeightInfo = ();
	type BenchmarkHelper = pallet_emission::benchmarking::Pallets<Test>;
}

/// The test genesis (root subnet, emission's records), at block 1.
pub fn new_bench_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_subnets::GenesisConfig::<Test>::default().assimilate_storage(&mut storage).unwrap();
	pallet_emission::GenesisConfig::<Test>::default().assimilate_storage(&mut storage).unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Every call of a benchmarked pallet has a benchmark of its name, so that
/// a call added without one fails here (its generated weight would not exist).
#[test]
fn every_call_has_a_benchmark() {
	use frame_benchmarking::Benchmarking;
	use frame_support::traits::GetCallName;
	let names = |list: Vec<frame_benchmarking::BenchmarkMetadata>| -> Vec<String> {
		list.into_iter().map(|b| String::from_utf8(b.name).unwrap()).collect()
	};
	let weights = names(crate::weights::Pallet::<Test>::benchmarks(false));
	for call in pallet_weights::Call::<Test>::get_call_names() {
		assert!(weights.iter().any(|b| b == call), "pallet-weights' {call} has no benchmark");
	}
	// The pool's check of each weight call (a batch's is its items').
	for call in ["set_weights", "commit_weights", "reveal_weights"] {
		let check = format!("check_{call}");
		assert!(weights.contains(&check), "CheckWeights on {call} has no benchmark");
	}
	let subnets = names(crate::subnets::Pallet::<Test>::benchmarks(false));
	for call in pallet_subnets::Call::<Test>::get_call_names() {
		assert!(subnets.iter().any(|b| b == call), "pallet-subnets' {call} has no benchmark");
	}
	let stake = names(crate::stake::Pallet::<Test>::benchmarks(false));
	for call in pallet_stake::Call::<Test>::get_call_names() {
		assert!(stake.iter().any(|b| b == call), "pallet-stake's {call} has no benchmark");
	}
}
