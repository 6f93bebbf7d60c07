//! A test runtime with the real pallets around emission: Balances, Subnets,
//! Stake, Weights and Emission, wired as in the chain's runtime.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects, clippy::indexing_slicing)]

use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU16, ConstU32, ConstU64, Hooks},
};
use sp_runtime::{BuildStorage, Perbill};

use crate as pallet_emission;

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

/// 1 TAO in rao.
pub const TAO: u64 = 1_000_000_000;

parameter_types! {
	pub static SupplyCap: u64 = 21_000_000 * TAO;
}

impl pallet_subnets::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type Recycle = pallet_emission::Recycler<Test>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type StakeInfo = Stake;
	type Hooks = (Stake, (Weights, Emission));
	type SubnetLimit = ConstU16<128>;
	type SubnetImmunityPeriod = ConstU64<100>;
	type NetworkRateLimit = ConstU64<0>;
	type NetworkMinLock = ConstU64<TAO>;
	type NetworkLockDecayPeriod = ConstU64<100>;
	type MaxRootMembers = ConstU16<4>;
	type ClearPerBlock = ConstU32<64>;
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
	// Dividends stream over one block: released by the block after the epoch.
	type RewardStreamBlocks = ConstU64<1>;
	type WeightInfo = ();
}

parameter_types! {
	/// Weight a block may spend on epochs (settable by tests).
	pub static EpochBudget: frame_support::weights::Weight = {
		let max = <<Test as frame_system::Config>::BlockWeights as frame_support::traits::Get<
			frame_system::limits::BlockWeights,
		>>::get()
		.max_block;
		frame_support::weights::Weight::from_parts(max.ref_time().saturating_div(2), max.proof_size().saturating_div(2))
	};
	pub const MaxTake: Perbill = Perbill::from_percent(18);
	pub const OwnerCut: Perbill = Perbill::from_percent(18);
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
	type SupplyCap = SupplyCap;
	type OwnerCut = OwnerCut;
	type EpochBudget = EpochBudget;
	type OnRootEpoch = ();
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarking::Pallets<Test>;
}

/// The benchmarks' state: the test genesis, at block 1.
#[cfg(feature = "runtime-benchmarks")]
pub fn new_bench_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_subnets::GenesisConfig::<Test>::default().assimilate_storage(&mut storage).unwrap();
	pallet_emission::GenesisConfig::<Test>::default().assimilate_storage(&mut storage).unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Accounts 1 to 20 start with 1,000 TAO.
pub const INITIAL_BALANCE: u64 = 1_000 * TAO;

pub fn build_and_execute<R>(test: impl FnOnce() -> R) -> R {
	build_with(&[], test)
}

/// As [`build_and_execute`], with more genesis balances.
pub fn build_with<R>(extra: &[(u64, u64)], test: impl FnOnce() -> R) -> R {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: (1..=20).map(|a| (a, INITIAL_BALANCE)).chain(extra.iter().copied()).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_subnets::GenesisConfig::<Test>::default().assimilate_storage(&mut storage).unwrap();
	pallet_emission::GenesisConfig::<Test>::default().assimilate_storage(&mut storage).unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		let result = test();
		check_invariants();
		result
	})
}

pub fn check_invariants() {
	Emission::do_try_state().expect("emission invariants");
	Stake::do_try_state().expect("stake invariants");
	Subnets::do_try_state().expect("subnets invariants");
}

/// Runs blocks up to `n` (each block's `on_initialize` of Subnets and
/// Emission), checking every invariant after each.
pub fn run_to_block(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Subnets::on_initialize(next);
		Emission::on_initialize(next);
		check_invariants();
	}
}

/// Emission events since the last call.
pub fn events() -> Vec<pallet_emission::Event<Test>> {
	let evs = System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Emission(e) => Some(e),
			_ => None,
		})
		.collect();
	System::reset_events();
	evs
}

/// What `coldkey`'s position on `hotkey` is worth now, rewards included.
pub fn staked(hotkey: u64, coldkey: u64) -> u64 {
	pallet_stake::Pallet::<Test>::position_value(&hotkey, &coldkey).0
}
