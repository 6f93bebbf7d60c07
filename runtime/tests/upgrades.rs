//! Runtime upgrades: which authorized code the chain takes, governance's
//! storage migration v1 run by the runtime's executive over a populated
//! chain, in a block that also runs an epoch, and every release's
//! migrations leaving the pallets they do not migrate as they were.
//!
//! The WASM of these tests' "runtimes" is not compiled: the executor's
//! version reader is replaced by one that reads the version a blob claims
//! from the blob itself (each blob here is an encoded `RuntimeVersion`), as
//! frame-system's own tests do. e2e (`governance.test.js`) applies the real
//! test upgrade on a node.

#![allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::expect_used, clippy::unwrap_used)]

use codec::Encode;
use frame_support::{
	assert_noop, assert_ok,
	traits::GetStorageVersion,
};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave};
use sp_runtime::traits::{Hash, Header as _};
use sp_version::RuntimeVersion;
use yuma_runtime::{
	currency::TAO, Balances, Governance, Runtime, RuntimeEvent, RuntimeOrigin, Stake, Subnets, System, VERSION,
};

mod common;
use common::*;

type SystemError = frame_system::Error<Runtime>;

/// Reads a blob's version from the blob: here a blob is its version's encoding.
struct BlobIsItsVersion;

impl sp_core::traits::ReadRuntimeVersion for BlobIsItsVersion {
	fn read_runtime_version(
		&self,
		wasm_code: &[u8],
		_ext: &mut dyn sp_externalities::Externalities,
	) -> Result<Vec<u8>, String> {
		Ok(wasm_code.to_vec())
	}
}

/// A blob that claims to be `version`.
fn blob(version: RuntimeVersion) -> Vec<u8> {
	version.encode()
}

fn with_version_reader(test: impl FnOnce()) {
	let mut ext = state_of("development");
	ext.register_extension(sp_core::traits::ReadRuntimeVersionExt::new(BlobIsItsVersion));
	ext.execute_with(|| {
		System::reset_events();
		test();
	});
}

/// Root authorizes `code` (a referendum's enactment does the same: see
/// `governance.rs`) and anyone, unsigned, supplies it.
fn authorize_and_apply(code: &[u8]) -> frame_support::dispatch::DispatchResultWithPostInfo {
	let code_hash = <Runtime as frame_system::Config>::Hashing::hash(code);
	assert_ok!(System::authorize_upgrade(RuntimeOrigin::root(), code_hash));
	System::apply_authorized_upgrade(RuntimeOrigin::none(), code.to_vec())
}

fn stored_code() -> Option<Vec<u8>> {
	sp_io::storage::get(sp_core::storage::well_known_keys::CODE).map(|c| c.to_vec())
}

#[test]
fn an_authorized_upgrade_with_an_equal_or_lower_spec_version_or_another_name_is_rejected() {
	with_version_reader(|| {
		let code_before = stored_code();
		let current = VERSION;
		let cases = [
			(RuntimeVersion { ..current.clone() }, SystemError::SpecVersionNeedsToIncrease),
			(RuntimeVersion { spec_version: current.spec_version - 1, ..current.clone() }, SystemError::SpecVersionNeedsToIncrease),
			(
				RuntimeVersion { spec_name: "bittensor".into(), spec_version: current.spec_version + 1, ..current.clone() },
				SystemError::InvalidSpecName,
			),
		];
		for (version, error) in cases {
			let code = blob(version);
			let code_hash = <Runtime as frame_system::Config>::Hashing::hash(&code);
			// The call succeeds (the caller is not at fault) and pays nothing.
			let info = authorize_and_apply(&code).unwrap();
			assert_eq!(info.pays_fee, frame_support::dispatch::Pays::No);
			assert_eq!(
				System::events().pop().unwrap().event,
				RuntimeEvent::System(frame_system::Event::RejectedInvalidAuthorizedUpgrade {
					code_hash,
					error: error.into()
				})
			);
			// The code is unchanged and the authorization is spent.
			assert_eq!(stored_code(), code_before);
			assert_noop!(
				System::apply_authorized_upgrade(RuntimeOrigin::none(), code),
				SystemError::NothingAuthorized
			);
		}
	});
}

#[test]
fn only_the_authorized_code_with_a_higher_spec_version_is_applied() {
	with_version_reader(|| {
		let next = blob(RuntimeVersion { spec_version: VERSION.spec_version + 1, ..VERSION });
		let other = blob(RuntimeVersion { spec_version: VERSION.spec_version + 2, ..VERSION });
		let next_hash = <Runtime as frame_system::Config>::Hashing::hash(&next);
		assert_noop!(System::apply_authorized_upgrade(RuntimeOrigin::none(), next.clone()), SystemError::NothingAuthorized);
		assert_ok!(System::authorize_upgrade(RuntimeOrigin::root(), next_hash));
		// Code other than the authorized one is refused, and the authorization stays.
		assert_noop!(System::apply_authorized_upgrade(RuntimeOrigin::none(), other), SystemError::Unauthorized);
		// A user cannot authorize.
		assert_noop!(
			System::authorize_upgrade(RuntimeOrigin::signed(account(Alice)), next_hash),
			sp_runtime::DispatchError::BadOrigin
		);

		assert_ok!(System::apply_authorized_upgrade(RuntimeOrigin::none(), next.clone()));
		assert_eq!(stored_code(), Some(next));
		let updated = RuntimeEvent::System(frame_system::Event::CodeUpdated { hash: next_hash });
		assert!(System::events().iter().any(|r| r.event == updated));
	});
}

/// The runtime as the test upgrade builds it: the same pallets, with its
/// migrations (governance's v1, the rest checked untouched).
type UpgradedExecutive = frame_executive::Executive<
	Runtime,
	yuma_runtime::Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	yuma_runtime::AllPalletsWithSystem,
	yuma_runtime::migrations::UpgradeTest,
>;

/// Every account's balance, added up: what total issuance must be.
fn sum_of_balances() -> u128 {
	frame_system::Account::<Runtime>::iter()
		.map(|(who, _)| u128::from(<Balances as frame_support::traits::fungible::Inspect<_>>::total_balance(&who)))
		.sum()
}

/// Subnet 1 (Alice's), Charlie registered on it by Bob, and Dave's `stake`
/// on Charlie.
fn dave_stakes_on_charlie(stake: u64) {
	assert_ok!(Subnets::register_network(RuntimeOrigin::signed(account(Alice))));
	assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(account(Bob)), 1, account(Charlie)));
	assert_ok!(Stake::add_stake(RuntimeOrigin::signed(account(Dave)), account(Charlie), stake));
}

#[test]
fn the_first_block_of_a_new_runtime_runs_governance_v1_before_its_epoch() {
	use pallet_governance::migrations::v1::{self, ChainTotals, UpgradeRecord};
	use yuma_runtime::configs::governance::UpgradeTotals;
	state_of("development").execute_with(|| {
		dave_stakes_on_charlie(1_000 * TAO);
		// Block 40 is subnet 1's second epoch ((40 + 1 + 1) % 21 == 0).
		run_to_block(39);
		// The released runtime is at version 0, as running chains are; the
		// chain last ran an older spec_version, so the next block upgrades.
		assert_eq!(Governance::on_chain_storage_version(), 0);
		frame_system::LastRuntimeUpgrade::<Runtime>::put(frame_system::LastRuntimeUpgradeInfo::from(RuntimeVersion {
			spec_version: VERSION.spec_version - 1,
			..VERSION
		}));
		Stake::do_try_state().unwrap();
		let expected = ChainTotals {
			subnets: 2,
			total_stake: pallet_stake::TotalStake::<Runtime>::get().into(),
			total_issuance: sum_of_balances(),
		};
		assert!(expected.total_stake >= u128::from(1_000 * TAO));
		assert_eq!(v1::pre_check::<Runtime, UpgradeTotals>(), Ok(expected));

		let parent = frame_system::BlockHash::<Runtime>::get(39);
		let header = yuma_runtime::Header::new(40, Default::default(), Default::default(), parent, Default::default());
		UpgradedExecutive::initialize_block(&header);

		// The record holds the state the old runtime left, and names block 40.
		assert_eq!(
			pallet_governance::LastUpgrade::<Runtime>::get(),
			Some(UpgradeRecord { block: 40, totals: expected })
		);
		assert_eq!(Governance::on_chain_storage_version(), 1);
		assert_eq!(frame_system::LastRuntimeUpgrade::<Runtime>::get().map(|u| u.spec_version), Some(VERSION.spec_version.into()));
		// The epoch ran in the same block, after it, over the same state.
		assert_eq!(System::block_number(), 40);
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::Emission(pallet_emission::Event::EpochPaid { netuid: 1, .. })
		)));
		assert_eq!(u128::from(pallet_balances::TotalIssuance::<Runtime>::get()), sum_of_balances());
		Stake::do_try_state().unwrap();
		Subnets::do_try_state().unwrap();
		yuma_runtime::Emission::do_try_state().unwrap();
	});
}

#[test]
fn each_release_leaves_every_pallet_it_does_not_migrate_byte_for_byte() {
	use pallet_governance::migrations::v1::RecordUpgrade;
	use yuma_primitives::upgrade::{Untouched, UntouchedError};
	use yuma_runtime::{configs::governance::UpgradeTotals, migrations, Emission, Weights};
	state_of("development").execute_with(|| {
		dave_stakes_on_charlie(1_000 * TAO);
		// Two epochs of subnet 1 (blocks 19 and 40) have paid, rewards are owed.
		run_to_block(41);
		assert!(pallet_emission::TotalMinted::<Runtime>::get() > 0);
		let pallets = Untouched::<(Balances, Subnets, Stake, Weights, Emission, Governance)>::states();
		assert!(pallets.iter().all(|p| p.keys > 0), "every pallet holds something: {pallets:?}");

		// The released runtime migrates nothing and changes nothing.
		assert_ok!(migrations::Released::run_checked());
		assert_eq!(Governance::on_chain_storage_version(), 0);
		// The test upgrade moves governance to version 1 and leaves the rest.
		assert_ok!(migrations::UpgradeTest::run_checked());
		assert_eq!(Governance::on_chain_storage_version(), 1);
		assert!(pallet_governance::LastUpgrade::<Runtime>::get().is_some());
		// Had it claimed governance untouched too, the check names it.
		frame_support::traits::StorageVersion::new(0).put::<Governance>();
		pallet_governance::LastUpgrade::<Runtime>::kill();
		assert_eq!(
			Untouched::<(Subnets, Governance), (RecordUpgrade<Runtime, UpgradeTotals>,)>::run_checked(),
			Err(UntouchedError::VersionChanged { pallet: "Governance", before: 0, after: 1 })
		);
		// Run twice, the versioned migration does nothing the second time.
		assert_ok!(Untouched::<(Subnets, Governance), (RecordUpgrade<Runtime, UpgradeTotals>,)>::run_checked());
		assert_eq!(Untouched::<(Balances, Subnets, Stake, Weights, Emission)>::states(), pallets[..5]);
		Stake::do_try_state().unwrap();
		Subnets::do_try_state().unwrap();
		Emission::do_try_state().unwrap();
	});
}

/// A chain before spec 110 left unstaked TAO free under a vote's lock (where
/// another hold could stand in for the lock). The released runtime's stake
/// v1 holds it, once, and leaves every other pallet as it was.
#[test]
fn stake_v1_holds_the_vote_locked_tao_an_older_runtime_left_free() {
	use frame_support::traits::{fungible::MutateHold, tokens::Precision, Get, StorageVersion};
	use pallet_conviction_voting::{AccountVote, Conviction, Vote};
	use yuma_runtime::{configs::governance::LockedAccounts, migrations, ConvictionVoting, Preimage, Referenda};
	state_of("development").execute_with(|| {
		let (dave, ferdie) = (account(Dave), account(sp_keyring::Sr25519Keyring::Ferdie));
		dave_stakes_on_charlie(6_000 * TAO);
		let call = yuma_runtime::RuntimeCall::System(frame_system::Call::remark { remark: vec![1] });
		let proposal = <Preimage as frame_support::traits::StorePreimage>::bound(call).unwrap();
		let origin = Box::new(yuma_runtime::OriginCaller::system(frame_system::RawOrigin::Root));
		assert_ok!(Referenda::submit(RuntimeOrigin::signed(ferdie.clone()), origin, proposal, frame_support::traits::schedule::DispatchTime::After(0)));
		let vote = AccountVote::Standard { vote: Vote { aye: true, conviction: Conviction::Locked1x }, balance: 6_000 * TAO };
		assert_ok!(ConvictionVoting::vote(RuntimeOrigin::signed(dave.clone()), 0, vote));
		assert_ok!(Stake::remove_stake(RuntimeOrigin::signed(dave.clone()), account(Charlie), 6_000 * TAO));
		assert_eq!(Stake::vote_locked(&dave), 6_000 * TAO);

		// As the chain was before spec 110: nothing held, stake at version 0.
		let reason = yuma_runtime::RuntimeHoldReason::Stake(pallet_stake::HoldReason::VoteLocked);
		assert_ok!(<Balances as MutateHold<_>>::release(&reason, &dave, 6_000 * TAO, Precision::Exact));
		StorageVersion::new(0).put::<Stake>();
		assert_eq!(LockedAccounts::get(), vec![dave.clone()]);
		assert_eq!(pallet_stake::migrations::v1::post_check::<Runtime, LockedAccounts>(), Err("stake v1: vote-locked TAO left free"));

		System::reset_events();
		assert_ok!(migrations::Released::run_checked());
		assert_eq!(Stake::vote_locked(&dave), 6_000 * TAO);
		assert_eq!(Stake::on_chain_storage_version(), 1);
		assert_eq!(pallet_stake::migrations::v1::post_check::<Runtime, LockedAccounts>(), Ok(()));
		assert!(System::events().iter().any(|r| r.event
			== RuntimeEvent::Stake(pallet_stake::Event::VoteLockHeld { coldkey: dave.clone(), amount: 6_000 * TAO })));
		// Once: at version 1 it does nothing.
		assert_ok!(yuma_primitives::upgrade::Untouched::<(Balances, Stake), (pallet_stake::migrations::v1::SettleVoteLocks<Runtime, LockedAccounts>,)>::run_checked());
		Stake::do_try_state().unwrap();
	});
}
