//! A test runtime: System, Balances and Stake, with a settable table of
//! hotkey owners standing in for pallet-subnets.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects, clippy::indexing_slicing)]

use core::cell::RefCell;
use std::collections::BTreeMap;

use frame_support::{derive_impl, parameter_types, traits::ConstU64};
use sp_runtime::{BuildStorage, Perbill};
use yuma_primitives::{HotkeySwap, NetUid, SubnetHyperparams, SubnetRegistry, Uid};

use crate as pallet_stake;

pub type AccountId = u64;
type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Stake: pallet_stake,
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
	type ExistentialDeposit = ConstU64<EXISTENTIAL_DEPOSIT>;
}

/// Existential deposit of the test runtime.
pub const EXISTENTIAL_DEPOSIT: u64 = 500;
/// The least position: 0.002 TAO.
pub const MIN_STAKE: u64 = 2_000_000;
/// 1 TAO in rao.
pub const TAO: u64 = 1_000_000_000;


parameter_types! {
	pub const MaxTake: Perbill = Perbill::from_percent(18);
	pub static MaxPositionsPerColdkey: u32 = 8;
	/// Blocks over which dividends stream into a pool.
	pub static StreamBlocks: u64 = 10;
}

thread_local! {
	static OWNERS: RefCell<BTreeMap<AccountId, AccountId>> = const { RefCell::new(BTreeMap::new()) };
	static SWAPS: RefCell<Vec<(AccountId, AccountId)>> = const { RefCell::new(Vec::new()) };
}

/// Makes `coldkey` the owner of `hotkey`, as a registration would.
pub fn own(coldkey: AccountId, hotkey: AccountId) {
	OWNERS.with(|o| o.borrow_mut().insert(hotkey, coldkey));
}

/// Swaps the registry was asked for.
pub fn swaps() -> Vec<(AccountId, AccountId)> {
	SWAPS.with(|s| s.borrow().clone())
}

/// Stands in for pallet-subnets: only hotkey ownership matters here.
pub struct MockRegistry;
impl SubnetRegistry<AccountId> for MockRegistry {
	fn exists(_: NetUid) -> bool {
		false
	}
	fn netuids() -> Vec<NetUid> {
		Vec::new()
	}
	fn hyperparams(_: NetUid) -> Option<SubnetHyperparams> {
		None
	}
	fn owner(_: NetUid) -> Option<AccountId> {
		None
	}
	fn neuron_count(_: NetUid) -> u16 {
		0
	}
	fn uid_of(_: NetUid, _: &AccountId) -> Option<Uid> {
		None
	}
	fn hotkey_of(_: NetUid, _: Uid) -> Option<AccountId> {
		None
	}
	fn registered_at(_: NetUid) -> Vec<u64> {
		Vec::new()
	}
	fn network_registered_at(_: NetUid) -> u64 {
		0
	}
	fn hotkey_owner(hotkey: &AccountId) -> Option<AccountId> {
		OWNERS.with(|o| o.borrow().get(hotkey).copied())
	}
	fn note_epoch(_: NetUid, _: &[u64]) {}
}

impl HotkeySwap<AccountId> for MockRegistry {
	fn swap_hotkey(old: &AccountId, new: &AccountId) -> u32 {
		SWAPS.with(|s| s.borrow_mut().push((*old, *new)));
		OWNERS.with(|o| {
			let mut o = o.borrow_mut();
			if let Some(owner) = o.remove(old) {
				o.insert(*new, owner);
			}
		});
		1
	}
	fn max_subnets() -> u32 {
		4
	}
}

impl pallet_stake::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type Recycle = ();
	type RuntimeHoldReason = RuntimeHoldReason;
	type Registry = MockRegistry;
	type HotkeySwap = MockRegistry;
	type VoteLocks = FrozenBalance;
	type MinStake = ConstU64<MIN_STAKE>;
	type MaxTake = MaxTake;
	type TakeIncreaseInterval = ConstU64<216_000>;
	type HotkeySwapCost = ConstU64<TAO>;
	type MaxPositionsPerColdkey = MaxPositionsPerColdkey;
	type RewardStreamBlocks = StreamBlocks;
	type WeightInfo = ();
}

/// What an account's balances locks freeze (tests lock as conviction
/// voting does, with `LockableCurrency::set_lock`).
pub struct FrozenBalance;
impl pallet_stake::VoteLocks<AccountId> for FrozenBalance {
	fn frozen(who: &AccountId) -> u64 {
		System::account(who).data.frozen
	}
}

/// Accounts 1 to 20 start with this much; 21 and up with nothing.
pub const INITIAL_BALANCE: u64 = 1_000 * TAO;

/// Builds the test externalities (hotkeys 100..=105 owned by coldkeys
/// 1..=6); runs `try_state` after the test.
pub fn build_and_execute<R>(test: impl FnOnce() -> R) -> R {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: (1..=20).map(|a| (a, INITIAL_BALANCE)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		OWNERS.with(|o| o.borrow_mut().clear());
		SWAPS.with(|s| s.borrow_mut().clear());
		for k in 0..6 {
			own(1 + k, 100 + k);
		}
		System::set_block_number(1);
		let result = test();
		Stake::do_try_state().expect("invariants hold after the test");
		result
	})
}

/// This pallet's events since the last call.
pub fn events() -> Vec<pallet_stake::Event<Test>> {
	let evs = System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Stake(e) => Some(e),
			_ => None,
		})
		.collect();
	System::reset_events();
	evs
}

/// Free balance of `who`.
pub fn free(who: AccountId) -> u64 {
	Balances::free_balance(who)
}

/// Stake held on `who`'s account.
pub fn held(who: AccountId) -> u64 {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&pallet_stake::HoldReason::Staked.into(), &who)
}

/// Moves to block `n`.
pub fn run_to(n: u64) {
	System::set_block_number(n);
}

/// What `coldkey`'s position on `hotkey` is worth now, rewards included.
pub fn worth(hotkey: AccountId, coldkey: AccountId) -> u64 {
	Stake::position_value(&hotkey, &coldkey).0
}

/// The hotkey's stake now.
pub fn hotkey_total(hotkey: AccountId) -> u64 {
	Stake::hotkey_stake(&hotkey)
}

/// Positions on `hotkey`.
pub fn stakers(hotkey: AccountId) -> u32 {
	<Stake as yuma_primitives::StakeRewards<AccountId>>::positions(&hotkey)
}
