//! A test runtime: System, Balances, Session (with historical roots) whose
//! manager is this pallet; sessions of 5 blocks; accounts 1, 2, 3 start as
//! validators through the session's genesis keys (this pallet's genesis
//! list empty, as zombienet's chain specs leave it).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects, clippy::indexing_slicing)]

use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64, Hooks},
};
use sp_runtime::{
	impl_opaque_keys,
	testing::UintAuthorityId,
	traits::{ConvertInto, OpaqueKeys},
	BuildStorage, KeyTypeId, RuntimeAppPublic,
};

use crate as pallet_validator_set;

pub type AccountId = u64;
type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		ValidatorSet: pallet_validator_set,
		Session: pallet_session,
		Historical: pallet_session::historical,
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
}

impl_opaque_keys! {
	pub struct MockKeys {
		pub dummy: UintAuthorityId,
	}
}

/// The authorities the session pallet last handed to consensus.
pub struct RecordAuthorities;
impl pallet_session::SessionHandler<AccountId> for RecordAuthorities {
	const KEY_TYPE_IDS: &'static [KeyTypeId] = &[UintAuthorityId::ID];
	fn on_genesis_session<K: OpaqueKeys>(_: &[(AccountId, K)]) {}
	fn on_new_session<K: OpaqueKeys>(_: bool, validators: &[(AccountId, K)], _: &[(AccountId, K)]) {
		Authorities::set(validators.iter().map(|(who, _)| *who).collect());
	}
	fn on_disabled(_: u32) {}
}

parameter_types! {
	pub static Authorities: Vec<AccountId> = vec![];
}

impl pallet_session::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = pallet_session::PeriodicSessions<pallet_validator_set::Period<Test>, ConstU64<0>>;
	type NextSessionRotation = pallet_session::PeriodicSessions<pallet_validator_set::Period<Test>, ConstU64<0>>;
	type SessionManager = pallet_session::historical::NoteHistoricalRoot<Test, ValidatorSet>;
	type SessionHandler = RecordAuthorities;
	type Keys = MockKeys;
	type DisablingStrategy = ();
	type WeightInfo = ();
	type Currency = Balances;
	type KeyDeposit = ();
}

impl pallet_session::historical::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type FullIdentification = AccountId;
	type FullIdentificationOf = ConvertInto;
}

impl pallet_validator_set::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type AdminOrigin = frame_system::EnsureRoot<AccountId>;
	type MinValidators = ConstU32<2>;
	type MaxValidators = ConstU32<5>;
	type DefaultSessionLength = ConstU64<5>;
	type HistoryDepth = ConstU32<3>;
	type WeightInfo = ();
}

pub fn keys(who: AccountId) -> MockKeys {
	MockKeys { dummy: UintAuthorityId(who) }
}

/// Accounts 1..=9 hold 100 units; 1, 2, 3 are the genesis validators.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> { balances: (1..=9).map(|a| (a, 100)).collect(), ..Default::default() }
		.assimilate_storage(&mut storage)
		.unwrap();
	pallet_session::GenesisConfig::<Test> {
		keys: (1..=3).map(|a| (a, a, keys(a))).collect(),
		non_authority_keys: vec![],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` on [`new_test_ext`], then the invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		ValidatorSet::do_try_state().expect("invariants hold after the test");
	});
}

/// Runs blocks up to `n`, rotating sessions every 5 blocks.
pub fn run_to_block(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Session::on_initialize(next);
	}
}

/// This pallet's events since the last call.
pub fn events() -> Vec<pallet_validator_set::Event<Test>> {
	let evs = System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::ValidatorSet(e) => Some(e),
			_ => None,
		})
		.collect();
	System::reset_events();
	evs
}
