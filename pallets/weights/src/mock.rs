//! A test runtime: System and Weights, with a settable registry (subnets,
//! uids, hyperparameters), stake table and permits.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects, clippy::indexing_slicing)]

use core::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use frame_support::{derive_impl, traits::ConstU32};
use sp_runtime::BuildStorage;
use yuma_primitives::{NetUid, PermitInfo, StakeInfo, SubnetHyperparams, SubnetRegistry, Uid};

use crate as pallet_weights;

pub type AccountId = u64;
type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Weights: pallet_weights,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

#[derive(Default)]
struct Subnet {
	hp: SubnetHyperparams,
	hotkeys: Vec<AccountId>,
}

thread_local! {
	static SUBNETS: RefCell<BTreeMap<NetUid, Subnet>> = const { RefCell::new(BTreeMap::new()) };
	static STAKE: RefCell<BTreeMap<AccountId, u64>> = const { RefCell::new(BTreeMap::new()) };
	static PERMITS: RefCell<BTreeSet<(NetUid, Uid)>> = const { RefCell::new(BTreeSet::new()) };
}

/// Creates subnet `netuid` whose uids are held by `hotkeys` in order, with
/// commit-reveal off (tests turn it on where they need it).
pub fn subnet(netuid: NetUid, hotkeys: &[AccountId]) {
	let hp = SubnetHyperparams { commit_reveal_enabled: false, validator_min_stake: 0, ..Default::default() };
	SUBNETS.with(|s| s.borrow_mut().insert(netuid, Subnet { hp, hotkeys: hotkeys.to_vec() }));
}

/// Changes a subnet's hyperparameters.
pub fn set_hp(netuid: NetUid, f: impl FnOnce(&mut SubnetHyperparams)) {
	SUBNETS.with(|s| f(&mut s.borrow_mut().get_mut(&netuid).unwrap().hp));
}

pub fn set_stake(hotkey: AccountId, stake: u64) {
	STAKE.with(|s| s.borrow_mut().insert(hotkey, stake));
}

pub fn give_permit(netuid: NetUid, uid: Uid) {
	PERMITS.with(|p| p.borrow_mut().insert((netuid, uid)));
}

pub struct MockRegistry;
impl SubnetRegistry<AccountId> for MockRegistry {
	fn exists(netuid: NetUid) -> bool {
		SUBNETS.with(|s| s.borrow().contains_key(&netuid))
	}
	fn netuids() -> Vec<NetUid> {
		SUBNETS.with(|s| s.borrow().keys().copied().collect())
	}
	fn hyperparams(netuid: NetUid) -> Option<SubnetHyperparams> {
		SUBNETS.with(|s| s.borrow().get(&netuid).map(|n| n.hp.clone()))
	}
	fn owner(_: NetUid) -> Option<AccountId> {
		None
	}
	fn neuron_count(netuid: NetUid) -> u16 {
		SUBNETS.with(|s| s.borrow().get(&netuid).map_or(0, |n| n.hotkeys.len() as u16))
	}
	fn uid_of(netuid: NetUid, hotkey: &AccountId) -> Option<Uid> {
		SUBNETS.with(|s| {
			s.borrow().get(&netuid).and_then(|n| n.hotkeys.iter().position(|h| h == hotkey).map(|p| p as Uid))
		})
	}
	fn hotkey_of(netuid: NetUid, uid: Uid) -> Option<AccountId> {
		SUBNETS.with(|s| s.borrow().get(&netuid).and_then(|n| n.hotkeys.get(uid as usize).copied()))
	}
	fn registered_at(_: NetUid) -> Vec<u64> {
		Vec::new()
	}
	fn network_registered_at(_: NetUid) -> u64 {
		0
	}
	fn hotkey_owner(_: &AccountId) -> Option<AccountId> {
		None
	}
	fn note_epoch(_: NetUid, _: &[u64]) {}
}

pub struct MockStake;
impl StakeInfo<AccountId> for MockStake {
	fn total_stake(hotkey: &AccountId) -> u64 {
		STAKE.with(|s| s.borrow().get(hotkey).copied().unwrap_or(0))
	}
	fn seat_stake(hotkey: &AccountId) -> u64 {
		Self::total_stake(hotkey)
	}
}

pub struct MockPermits;
impl PermitInfo for MockPermits {
	fn has_permit(netuid: NetUid, uid: Uid) -> bool {
		PERMITS.with(|p| p.borrow().contains(&(netuid, uid)))
	}
}

impl pallet_weights::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Registry = MockRegistry;
	type StakeInfo = MockStake;
	type Permits = MockPermits;
	type MaxPendingCommits = ConstU32<10>;
	type WeightInfo = ();
}

/// Subnet 1: hotkeys 10..=14 hold uids 0..=4 (tempo 360, commit-reveal off,
/// weights rate limit 100). Root (netuid 0) has hotkey 10 as uid 0.
pub fn build_and_execute<R>(test: impl FnOnce() -> R) -> R {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		SUBNETS.with(|s| s.borrow_mut().clear());
		STAKE.with(|s| s.borrow_mut().clear());
		PERMITS.with(|p| p.borrow_mut().clear());
		subnet(0, &[10]);
		subnet(1, &[10, 11, 12, 13, 14]);
		System::set_block_number(1);
		test()
	})
}

/// This pallet's events since the last call.
pub fn events() -> Vec<pallet_weights::Event<Test>> {
	let evs = System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Weights(e) => Some(e),
			_ => None,
		})
		.collect();
	System::reset_events();
	evs
}
