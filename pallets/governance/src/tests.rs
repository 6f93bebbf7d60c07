#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects, clippy::indexing_slicing)]

use crate::{self as pallet_governance, *};
use frame_support::{
	assert_noop, assert_ok, derive_impl,
	traits::{BuildGenesisConfig, EitherOfDiverse, EnsureOrigin, Hooks},
};
use sp_runtime::{DispatchError, Perbill};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Governance: pallet_governance,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type DbWeight = frame_support::weights::constants::RocksDbWeight;
}

impl Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type ParametersOrigin = EitherOfDiverse<frame_system::EnsureRoot<u64>, EnsureParameters>;
	type WeightInfo = ();
}

pub(crate) fn ext(timings: Option<GovernanceTimings>) -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_governance::GenesisConfig::<Test> { timings, parameters: None, _config: Default::default() }
		.assimilate_storage(&mut storage)
		.unwrap();
	let mut ext: sp_io::TestExternalities = storage.into();
	ext.execute_with(|| System::set_block_number(1));
	ext
}

#[test]
fn genesis_stores_the_chain_spec_timings_and_defaults_to_production() {
	let dev = GovernanceTimings::development();
	ext(Some(dev)).execute_with(|| {
		assert_eq!(Timings::<Test>::get(), Some(dev));
		assert_eq!(Governance::timings(), dev);
	});
	ext(None).execute_with(|| assert_eq!(Timings::<Test>::get(), Some(GovernanceTimings::default())));
	// Externalities without genesis (metadata, integrity tests) read the defaults.
	sp_io::TestExternalities::new_empty().execute_with(|| {
		assert_eq!(Timings::<Test>::get(), None);
		assert_eq!(Governance::timings(), GovernanceTimings::default());
		<Governance as Hooks<u64>>::integrity_test();
	});
}

#[test]
fn the_chain_spec_json_round_trips_in_camel_case_and_refuses_unknown_fields() {
	let config = pallet_governance::GenesisConfig::<Test> {
		timings: Some(GovernanceTimings::development()),
		parameters: Some(ChainParameters::development()),
		_config: Default::default(),
	};
	let json = serde_json::to_value(&config).unwrap();
	assert_eq!(json["timings"]["root"]["decisionPeriod"], 20);
	assert_eq!(json["timings"]["votingLockingPeriod"], serde_json::Value::Null);
	assert_eq!(json["timings"]["voteLockingPeriod"], 10);
	let back: pallet_governance::GenesisConfig<Test> = serde_json::from_value(json.clone()).unwrap();
	assert_eq!(back.timings, config.timings);
	assert_eq!(json["parameters"]["networkRateLimit"], 10);
	assert_eq!(back.parameters, config.parameters);

	let mut typo = json;
	typo["timings"]["root"]["decisionPeriods"] = 5.into();
	assert!(serde_json::from_value::<pallet_governance::GenesisConfig<Test>>(typo).is_err());
}

#[test]
#[should_panic(expected = "governance timings in the chain spec: ZeroPeriod")]
fn a_chain_spec_with_a_zero_decision_period_does_not_start() {
	let mut timings = GovernanceTimings::development();
	timings.subnets.decision_period = 0;
	pallet_governance::GenesisConfig::<Test> { timings: Some(timings), parameters: None, _config: Default::default() }.build();
}

#[test]
#[should_panic(expected = "chain parameter in the chain spec out of bounds: OwnerCut")]
fn a_chain_spec_with_a_rule_out_of_bounds_does_not_start() {
	let parameters = ChainParameters { owner_cut: Perbill::from_percent(51), ..ChainParameters::default() };
	pallet_governance::GenesisConfig::<Test> { timings: None, parameters: Some(parameters), _config: Default::default() }
		.build();
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

#[test]
fn root_or_the_parameters_track_sets_a_rule_within_its_bounds() {
	ext(None).execute_with(|| {
		assert_eq!(Governance::parameters(), ChainParameters::default());
		assert_ok!(Governance::set_parameter(RuntimeOrigin::root(), ChainParameter::NetworkRateLimit(5)));
		assert_eq!(
			last_event(),
			RuntimeEvent::Governance(Event::ParameterSet {
				from: ChainParameter::NetworkRateLimit(7_200),
				to: ChainParameter::NetworkRateLimit(5)
			})
		);
		let track: RuntimeOrigin = pallet_governance::Origin::Parameters.into();
		assert_ok!(Governance::set_parameter(track, ChainParameter::OwnerCut(Perbill::from_percent(50))));
		let expected = ChainParameters {
			network_rate_limit: 5,
			owner_cut: Perbill::from_percent(50),
			..ChainParameters::default()
		};
		assert_eq!(Governance::parameters(), expected);

		// Users, and the subnets track, cannot.
		let subnets: RuntimeOrigin = pallet_governance::Origin::Subnets.into();
		for origin in [RuntimeOrigin::signed(1), subnets] {
			assert_noop!(Governance::set_parameter(origin, ChainParameter::NetworkRateLimit(0)), DispatchError::BadOrigin);
		}
	});
}

#[test]
fn every_rule_refuses_a_value_past_each_bound_and_changes_nothing() {
	use ChainParameter::*;
	const TAO: u64 = 1_000_000_000;
	let outside = [
		NetworkRateLimit(216_001),
		NetworkMinLock(TAO - 1),
		NetworkMinLock(100_000 * TAO + 1),
		NetworkLockDecayPeriod(0),
		NetworkLockDecayPeriod(1_000_001),
		SubnetImmunityPeriod(1_000_001),
		CommitmentRateLimit(0),
		CommitmentRateLimit(100_001),
		MinStake(499),
		MinStake(TAO + 1),
		TakeIncreaseInterval(1_000_001),
		HotkeySwapCost(1_000 * TAO + 1),
		OwnerCut(Perbill::from_parts(500_000_001)),
	];
	let edges = [
		NetworkRateLimit(0),
		NetworkRateLimit(216_000),
		NetworkMinLock(TAO),
		NetworkMinLock(100_000 * TAO),
		NetworkLockDecayPeriod(1),
		CommitmentRateLimit(1),
		MinStake(500),
		MinStake(TAO),
		HotkeySwapCost(0),
		OwnerCut(Perbill::zero()),
		OwnerCut(Perbill::from_percent(50)),
	];
	ext(None).execute_with(|| {
		for value in outside {
			assert_noop!(Governance::set_parameter(RuntimeOrigin::root(), value), Error::<Test>::ParameterOutOfBounds);
		}
		for value in edges {
			assert_ok!(Governance::set_parameter(RuntimeOrigin::root(), value));
			assert_eq!(value.current(&Governance::parameters()), value);
		}
	});
	assert_eq!(ChainParameters::default().out_of_bounds(), None);
	assert_eq!(ChainParameters::development().out_of_bounds(), None);
}

#[test]
fn every_rule_of_the_timings_is_checked() {
	let ok = GovernanceTimings::development();
	assert_eq!(ok.validate(), Ok(()));
	assert_eq!(GovernanceTimings::default().validate(), Ok(()));
	type Change = fn(&mut GovernanceTimings);
	let cases: [(Change, TimingError); 9] = [
		(|t| t.root.max_deciding = 0, TimingError::NoDecidingSlot),
		(|t| t.parameters.decision_period = 0, TimingError::ZeroPeriod),
		(|t| t.root.confirm_period = 0, TimingError::ZeroPeriod),
		(|t| t.alarm_interval = 0, TimingError::ZeroPeriod),
		(|t| t.undeciding_timeout = 0, TimingError::ZeroPeriod),
		(|t| t.subnets.prepare_period = timings::MAX_PERIOD + 1, TimingError::PeriodTooLong),
		(|t| t.vote_locking_period = u32::MAX, TimingError::PeriodTooLong),
		(|t| t.root.confirm_period = t.root.decision_period + 1, TimingError::ConfirmLongerThanDecision),
		(|t| t.parameters.min_enactment_period = t.vote_locking_period + 1, TimingError::EnactmentOutlastsLock),
	];
	for (change, error) in cases {
		let mut timings = ok;
		change(&mut timings);
		assert_eq!(timings.validate(), Err(error));
	}
}

#[test]
fn each_custom_origin_is_accepted_by_its_own_check_only() {
	let subnets: RuntimeOrigin = pallet_governance::Origin::Subnets.into();
	let parameters: RuntimeOrigin = pallet_governance::Origin::Parameters.into();
	assert!(EnsureSubnets::try_origin(subnets.clone()).is_ok());
	assert!(EnsureParameters::try_origin(parameters.clone()).is_ok());
	assert!(EnsureSubnets::try_origin(parameters).is_err());
	assert!(EnsureParameters::try_origin(subnets).is_err());
	for other in [RuntimeOrigin::root(), RuntimeOrigin::signed(1), RuntimeOrigin::none()] {
		assert!(EnsureSubnets::try_origin(other.clone()).is_err());
		assert!(EnsureParameters::try_origin(other).is_err());
	}
}

mod migration_v1 {
	use super::*;
	use crate::migrations::v1::{self, ChainTotals, CheckError, RecordUpgrade, UpgradeRecord};
	use frame_support::{
		traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
		weights::constants::RocksDbWeight,
	};

	const BEFORE: ChainTotals = ChainTotals { subnets: 3, total_stake: 5_000, total_issuance: 90_000 };

	frame_support::parameter_types! {
		/// The totals the runtime would hand the migration (in storage, so a
		/// test can change them between the checks).
		pub storage Totals: ChainTotals = BEFORE;
	}

	type Migration = RecordUpgrade<Test, Totals>;

	/// A chain at version 0 whose last block is 7 (a migration runs before
	/// the next block's number is set).
	fn at_version_zero(test: impl FnOnce()) {
		ext(None).execute_with(|| {
			StorageVersion::new(0).put::<Governance>();
			System::set_block_number(7);
			test();
		});
	}

	#[test]
	fn it_records_the_totals_once_and_moves_the_version_from_zero_to_one() {
		at_version_zero(|| {
			let before = v1::pre_check::<Test, Totals>().unwrap();
			assert_eq!(before, BEFORE);
			assert_eq!(LastUpgrade::<Test>::get(), None);

			let weight = Migration::on_runtime_upgrade();
			assert_eq!(LastUpgrade::<Test>::get(), Some(UpgradeRecord { block: 8, totals: BEFORE }));
			assert_eq!(Governance::on_chain_storage_version(), 1);
			// Its own 4 reads and 1 write, and the version's read and write.
			assert_eq!(weight, RocksDbWeight::get().reads_writes(5, 2));
			assert_eq!(v1::post_check::<Test, Totals>(before), Ok(()));

			// At version 1 it does nothing, whatever the totals are now.
			System::set_block_number(8);
			Totals::set(&ChainTotals { subnets: 4, ..BEFORE });
			Migration::on_runtime_upgrade();
			assert_eq!(LastUpgrade::<Test>::get(), Some(UpgradeRecord { block: 8, totals: BEFORE }));
			assert_eq!(Governance::on_chain_storage_version(), 1);
		});
	}

	#[test]
	fn at_another_version_it_writes_nothing() {
		at_version_zero(|| {
			StorageVersion::new(2).put::<Governance>();
			assert_eq!(Migration::on_runtime_upgrade(), RocksDbWeight::get().reads(1));
			assert_eq!(LastUpgrade::<Test>::get(), None);
			assert_eq!(Governance::on_chain_storage_version(), 2);
		});
	}

	#[test]
	fn its_checks_catch_every_way_an_upgrade_can_go_wrong() {
		// Not at version 0, or already recorded: the pre-check refuses.
		at_version_zero(|| {
			StorageVersion::new(1).put::<Governance>();
			assert_eq!(v1::pre_check::<Test, Totals>(), Err(CheckError::NotVersionZero));
		});
		at_version_zero(|| {
			LastUpgrade::<Test>::put(UpgradeRecord { block: 1, totals: BEFORE });
			assert_eq!(v1::pre_check::<Test, Totals>(), Err(CheckError::AlreadyRecorded));
		});
		// The migration did not run.
		at_version_zero(|| {
			let before = v1::pre_check::<Test, Totals>().unwrap();
			assert_eq!(v1::post_check::<Test, Totals>(before), Err(CheckError::NoRecord));
		});
		// Stake vanished during the upgrade (after the record was taken).
		at_version_zero(|| {
			let before = v1::pre_check::<Test, Totals>().unwrap();
			Migration::on_runtime_upgrade();
			Totals::set(&ChainTotals { total_stake: BEFORE.total_stake - 1, ..BEFORE });
			assert_eq!(v1::post_check::<Test, Totals>(before), Err(CheckError::TotalsChanged));
		});
		// Issuance changed before the record was taken.
		at_version_zero(|| {
			let before = v1::pre_check::<Test, Totals>().unwrap();
			Totals::set(&ChainTotals { total_issuance: BEFORE.total_issuance + 1, ..BEFORE });
			Migration::on_runtime_upgrade();
			assert_eq!(v1::post_check::<Test, Totals>(before), Err(CheckError::RecordDiffers));
		});
		// The version was not written.
		at_version_zero(|| {
			let before = v1::pre_check::<Test, Totals>().unwrap();
			Migration::on_runtime_upgrade();
			StorageVersion::new(0).put::<Governance>();
			assert_eq!(v1::post_check::<Test, Totals>(before), Err(CheckError::NotVersionOne));
		});
	}

	/// The same through try-runtime's own entry point, which runs
	/// `pre_upgrade`, the migration and `post_upgrade` in a row.
	#[cfg(feature = "try-runtime")]
	#[test]
	fn try_runtime_runs_the_checks_around_the_migration() {
		/// The migration, with one rao of stake lost while it runs.
		struct LosesStake;
		impl OnRuntimeUpgrade for LosesStake {
			fn on_runtime_upgrade() -> frame_support::weights::Weight {
				let weight = Migration::on_runtime_upgrade();
				Totals::set(&ChainTotals { total_stake: BEFORE.total_stake - 1, ..BEFORE });
				weight
			}
			fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
				Migration::pre_upgrade()
			}
			fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
				Migration::post_upgrade(state)
			}
		}
		at_version_zero(|| {
			assert!(Migration::try_on_runtime_upgrade(true).is_ok());
			assert_eq!(Governance::on_chain_storage_version(), 1);
		});
		at_version_zero(|| {
			assert_eq!(
				LosesStake::try_on_runtime_upgrade(true),
				Err(CheckError::TotalsChanged.into())
			);
		});
	}
}
