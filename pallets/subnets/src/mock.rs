//! A test runtime: System, Balances and Subnets, with a settable stake table
//! and hooks that record what they are told.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects, clippy::indexing_slicing)]

use core::cell::RefCell;
use std::collections::BTreeMap;

use frame_support::{
	derive_impl, parameter_types,
	traits::{Hooks, OnFinalize},
};
use sp_runtime::BuildStorage;
use yuma_primitives::{NetUid, StakeInfo, SubnetHooks, Uid, Weight};

use crate as pallet_subnets;

pub type AccountId = u64;
type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Subnets: pallet_subnets,
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
	type ExistentialDeposit = frame_support::traits::ConstU64<10>;
}

parameter_types! {
	pub static SubnetLimit: u16 = 4;
	pub static SubnetImmunityPeriod: u64 = 100;
	pub static NetworkRateLimit: u64 = 10;
	pub static NetworkMinLock: u64 = 1_000;
	pub static NetworkLockDecayPeriod: u64 = 1_000;
	pub static MaxRootMembers: u16 = 3;
	pub static ClearPerBlock: u32 = 5;
	pub static CommitmentRateLimit: u64 = 20;
}

thread_local! {
	static STAKE: RefCell<BTreeMap<AccountId, u64>> = const { RefCell::new(BTreeMap::new()) };
	static REPLACED: RefCell<Vec<(NetUid, Uid)>> = const { RefCell::new(Vec::new()) };
	/// Entries the other pallets (the hooks) hold per subnet, to clear.
	static HOOK_STATE: RefCell<BTreeMap<NetUid, u32>> = const { RefCell::new(BTreeMap::new()) };
}

/// Stake table of the test.
pub struct MockStake;
impl StakeInfo<AccountId> for MockStake {
	fn total_stake(hotkey: &AccountId) -> u64 {
		STAKE.with(|s| s.borrow().get(hotkey).copied().unwrap_or(0))
	}
	fn seat_stake(hotkey: &AccountId) -> u64 {
		Self::total_stake(hotkey)
	}
}

pub fn set_stake(hotkey: AccountId, stake: u64) {
	STAKE.with(|s| s.borrow_mut().insert(hotkey, stake));
}

/// Records replaced uids; clears a simulated amount of other pallets' state.
pub struct MockHooks;
impl SubnetHooks for MockHooks {
	fn on_uid_replaced(netuid: NetUid, uid: Uid) -> Weight {
		REPLACED.with(|r| r.borrow_mut().push((netuid, uid)));
		Weight::zero()
	}
	fn clear_subnet(netuid: NetUid, limit: u32) -> (u32, bool) {
		HOOK_STATE.with(|h| {
			let mut h = h.borrow_mut();
			let left = h.get(&netuid).copied().unwrap_or(0);
			let used = left.min(limit);
			let rest = left - used;
			if rest == 0 {
				h.remove(&netuid);
			} else {
				h.insert(netuid, rest);
			}
			(used, rest == 0)
		})
	}
}

/// `(netuid, uid)` pairs the hooks were told were replaced.
pub fn replaced_uids() -> Vec<(NetUid, Uid)> {
	REPLACED.with(|r| r.borrow().clone())
}

/// Pretends other pallets hold `entries` storage entries for `netuid`.
pub fn set_hook_state(netuid: NetUid, entries: u32) {
	HOOK_STATE.with(|h| h.borrow_mut().insert(netuid, entries));
}

/// Entries the hooks still hold for `netuid`.
pub fn hook_state(netuid: NetUid) -> u32 {
	HOOK_STATE.with(|h| h.borrow().get(&netuid).copied().unwrap_or(0))
}

impl pallet_subnets::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type Recycle = ();
	type RuntimeHoldReason = RuntimeHoldReason;
	type StakeInfo = MockStake;
	type Hooks = MockHooks;
	type SubnetLimit = SubnetLimit;
	type SubnetImmunityPeriod = SubnetImmunityPeriod;
	type NetworkRateLimit = NetworkRateLimit;
	type NetworkMinLock = NetworkMinLock;
	type NetworkLockDecayPeriod = NetworkLockDecayPeriod;
	type MaxRootMembers = MaxRootMembers;
	type ClearPerBlock = ClearPerBlock;
	type CommitmentRateLimit = CommitmentRateLimit;
	type GovernanceOrigin = frame_system::EnsureRoot<u64>;
	type ParametersOrigin = frame_system::EnsureRoot<u64>;
	type WeightInfo = ();
}

/// Every account from 1 to 20 starts with this much (account 21 and up: nothing).
pub const INITIAL_BALANCE: u64 = 10_000 * TAO;

/// 1 TAO in rao.
pub const TAO: u64 = 1_000_000_000;

/// Builds the test externalities; runs `try_state` after the test.
pub struct ExtBuilder;

impl ExtBuilder {
	pub fn build_and_execute(test: impl FnOnce()) {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: (1..=20).map(|a| (a, INITIAL_BALANCE)).collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_subnets::GenesisConfig::<Test>::default().assimilate_storage(&mut storage).unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			run_to_block(1);
			test();
			Subnets::do_try_state().expect("invariants hold after the test");
		});
	}
}

/// Advances to block `n`, running `on_initialize` (and checking the
/// invariants) at each block. Block `b`'s hash is `[b; 32]`-ish.
pub fn run_to_block(n: u64) {
	while System::block_number() < n {
		let now = System::block_number();
		if now > 0 {
			<Subnets as OnFinalize<u64>>::on_finalize(now);
		}
		let next = now + 1;
		System::set_block_number(next);
		frame_system::BlockHash::<Test>::insert(now, block_hash(now));
		<Subnets as Hooks<u64>>::on_initialize(next);
		Subnets::do_try_state().expect("invariants hold after every block");
	}
}

/// The hash the mock gives block `b`.
pub fn block_hash(b: u64) -> sp_core::H256 {
	sp_core::H256::from_low_u64_be(b.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
}

/// This pallet's events since the last call.
pub fn events() -> Vec<pallet_subnets::Event<Test>> {
	let evs = System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Subnets(e) => Some(e),
			_ => None,
		})
		.collect();
	System::reset_events();
	evs
}

/// Registers a subnet owned by `owner` at the current block (clearing the
/// events) and returns its netuid.
pub fn add_network(owner: AccountId) -> NetUid {
	pallet_subnets::Pallet::<Test>::register_network(RuntimeOrigin::signed(owner)).unwrap();
	events()
		.into_iter()
		.find_map(|e| match e {
			pallet_subnets::Event::NetworkRegistered { netuid, .. } => Some(netuid),
			_ => None,
		})
		.unwrap()
}

/// Moves past the network rate limit.
pub fn pass_network_rate_limit() {
	run_to_block(System::block_number() + NetworkRateLimit::get());
}

/// Free balance of `who`.
pub fn free(who: AccountId) -> u64 {
	Balances::free_balance(who)
}

/// Sets a hyperparameter as root.
pub fn root_set(netuid: NetUid, value: pallet_subnets::Hyperparameter) {
	pallet_subnets::Pallet::<Test>::set_hyperparameter(RuntimeOrigin::root(), netuid, value).unwrap();
}
