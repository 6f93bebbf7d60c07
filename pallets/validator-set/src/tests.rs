//! The governed set: who may change it, the bounds and keys it requires, and
//! when a change reaches the session pallet and consensus.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects, clippy::indexing_slicing)]

use codec::Encode;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::{traits::BadOrigin, BuildStorage, RuntimeAppPublic};

use crate::{mock::*, Error, Event, SetChanged, Validators};

/// `who` sets its session keys, as `session.setKeys` from its account.
fn set_keys(who: AccountId) {
	let proof = sp_runtime::testing::UintAuthorityId(who).sign(&who.encode()).unwrap().encode();
	assert_ok!(Session::set_keys(RuntimeOrigin::signed(who), keys(who), proof));
}

fn add(who: AccountId) -> sp_runtime::DispatchResult {
	ValidatorSet::add_validator(RuntimeOrigin::root(), who)
}

fn remove(who: AccountId) -> sp_runtime::DispatchResult {
	ValidatorSet::remove_validator(RuntimeOrigin::root(), who)
}

#[test]
fn the_set_starts_as_the_sessions_genesis_keys_say() {
	build_and_execute(|| {
		assert_eq!(Session::validators(), vec![1, 2, 3]);
		assert_eq!(Validators::<Test>::get(), None);
		assert_eq!(ValidatorSet::planned().into_inner(), vec![1, 2, 3]);
		// Sessions pass without a change: nothing is queued.
		run_to_block(20);
		assert_eq!(Session::validators(), vec![1, 2, 3]);
		assert_eq!(events(), vec![]);
	});
}

#[test]
fn an_added_validator_with_keys_authors_two_session_boundaries_later() {
	build_and_execute(|| {
		set_keys(4);
		assert_ok!(add(4));
		assert_eq!(events(), vec![Event::ValidatorAdded { who: 4 }]);
		assert_eq!(ValidatorSet::planned().into_inner(), vec![1, 2, 3, 4]);
		// Block 5 ends session 0: the change is queued for session 2.
		run_to_block(5);
		assert_eq!(Session::current_index(), 1);
		assert_eq!(events(), vec![Event::ValidatorSetQueued { active_from: 2, validators: 4 }]);
		assert_eq!(Session::validators(), vec![1, 2, 3]);
		assert!(!SetChanged::<Test>::get());
		// Block 10 starts session 2 with 4 among the authorities.
		run_to_block(9);
		assert_eq!(Authorities::get(), vec![1, 2, 3]);
		run_to_block(10);
		assert_eq!(Session::current_index(), 2);
		assert_eq!(Session::validators(), vec![1, 2, 3, 4]);
		assert_eq!(Authorities::get(), vec![1, 2, 3, 4]);
	});
}

#[test]
fn a_removed_validator_stops_two_session_boundaries_later() {
	build_and_execute(|| {
		assert_ok!(remove(2));
		assert_eq!(events(), vec![Event::ValidatorRemoved { who: 2 }]);
		run_to_block(5);
		assert_eq!(Session::validators(), vec![1, 2, 3]);
		run_to_block(10);
		assert_eq!(Session::validators(), vec![1, 3]);
		assert_eq!(Authorities::get(), vec![1, 3]);
	});
}

#[test]
fn only_the_admin_origin_changes_the_set() {
	build_and_execute(|| {
		set_keys(4);
		assert_noop!(ValidatorSet::add_validator(RuntimeOrigin::signed(4), 4), BadOrigin);
		assert_noop!(ValidatorSet::add_validator(RuntimeOrigin::none(), 4), BadOrigin);
		assert_noop!(ValidatorSet::remove_validator(RuntimeOrigin::signed(1), 2), BadOrigin);
		run_to_block(15);
		assert_eq!(Session::validators(), vec![1, 2, 3]);
		// The first boundary fixed the starting set; nothing else changed it.
		assert_eq!(Validators::<Test>::get().map(|v| v.into_inner()), Some(vec![1, 2, 3]));
		assert_eq!(events(), vec![]);
	});
}

#[test]
fn a_validator_that_purges_its_keys_leaves_consensus_and_comes_back_without_governance() {
	build_and_execute(|| {
		// 3, last in the list, purges before governance ever changed the
		// set: it leaves the authorities, stays planned, and returns.
		assert_ok!(Session::purge_keys(RuntimeOrigin::signed(3)));
		run_to_block(5);
		assert_eq!(events(), vec![Event::ValidatorSetQueued { active_from: 2, validators: 2 }]);
		run_to_block(10);
		assert_eq!(Authorities::get(), vec![1, 2]);
		assert_eq!(ValidatorSet::planned().into_inner(), vec![1, 2, 3]);
		// Each session's root counts only the keyed validators.
		assert_eq!(pallet_session::historical::HistoricalSessions::<Test>::get(2).map(|(_, n)| n), Some(2));
		set_keys(3);
		run_to_block(20);
		assert_eq!(Authorities::get(), vec![1, 2, 3]);
		assert_eq!(pallet_session::historical::HistoricalSessions::<Test>::get(4).map(|(_, n)| n), Some(3));
	});
}

#[test]
fn a_validator_that_rotates_its_keys_gets_a_new_root() {
	build_and_execute(|| {
		run_to_block(10);
		let before = pallet_session::historical::HistoricalSessions::<Test>::get(3);
		// 2 sets new keys (42): the next handed-over set carries them.
		let proof = sp_runtime::testing::UintAuthorityId(42).sign(&2u64.encode()).unwrap().encode();
		assert_ok!(Session::set_keys(RuntimeOrigin::signed(2), MockKeys { dummy: sp_runtime::testing::UintAuthorityId(42) }, proof));
		events();
		run_to_block(15);
		assert_eq!(events(), vec![Event::ValidatorSetQueued { active_from: 4, validators: 3 }]);
		assert_ne!(pallet_session::historical::HistoricalSessions::<Test>::get(4), before);
	});
}

#[test]
fn keys_bounds_and_duplicates_are_checked_by_name_and_change_nothing() {
	build_and_execute(|| {
		// No keys: the session pallet could not use it.
		assert_noop!(add(4), Error::<Test>::NoSessionKeys);
		// Already in the set (from the session's genesis).
		assert_noop!(add(1), Error::<Test>::AlreadyValidator);
		assert_noop!(remove(9), Error::<Test>::NotValidator);
		// Down to the minimum (2), and no further.
		assert_ok!(remove(3));
		assert_noop!(remove(2), Error::<Test>::TooFewValidators);
		assert_noop!(remove(1), Error::<Test>::TooFewValidators);
		// Up to the maximum (5), and no further.
		for who in 4..=7 {
			set_keys(who);
		}
		assert_ok!(add(4));
		assert_ok!(add(5));
		assert_ok!(add(6));
		assert_noop!(add(7), Error::<Test>::TooManyValidators);
		assert_eq!(ValidatorSet::planned().into_inner(), vec![1, 2, 4, 5, 6]);
		run_to_block(10);
		assert_eq!(Session::validators(), vec![1, 2, 4, 5, 6]);
	});
}

#[test]
fn a_validator_that_purges_its_keys_leaves_the_active_set_whatever_the_plan() {
	build_and_execute(|| {
		// The session pallet skips a validator without keys: the bound on
		// removals does not (and cannot) stop one from leaving on its own.
		assert_ok!(Session::purge_keys(RuntimeOrigin::signed(3)));
		assert_ok!(remove(2));
		run_to_block(10);
		assert_eq!(Session::validators(), vec![1]);
		assert_eq!(ValidatorSet::planned().into_inner(), vec![1, 3]);
		assert_eq!(Authorities::get(), vec![1]);
		// With keys again, it is handed back: queued at the next boundary,
		// authoring from the one after.
		set_keys(3);
		run_to_block(15);
		assert_eq!(Session::validators(), vec![1]);
		run_to_block(20);
		assert_eq!(Session::validators(), vec![1, 3]);
		assert_eq!(Authorities::get(), vec![1, 3]);
		// Then nothing more is queued.
		events();
		run_to_block(30);
		assert_eq!(events(), vec![]);
	});
}

#[test]
fn the_session_length_comes_from_the_genesis_and_is_at_least_the_minimum() {
	build_and_execute(|| {
		// Unset: the default of 5 blocks.
		assert_eq!(crate::SessionLength::<Test>::get(), 5);
	});
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	crate::GenesisConfig::<Test> { validators: vec![], session_length: Some(7) }
		.assimilate_storage(&mut storage)
		.unwrap();
	pallet_session::GenesisConfig::<Test> { keys: (1..=3).map(|a| (a, a, keys(a))).collect(), non_authority_keys: vec![] }
		.assimilate_storage(&mut storage)
		.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		System::set_block_number(1);
		run_to_block(6);
		assert_eq!(Session::current_index(), 0);
		run_to_block(7);
		assert_eq!(Session::current_index(), 1);
		run_to_block(14);
		assert_eq!(Session::current_index(), 2);
	});
	let too_short = std::panic::catch_unwind(|| {
		crate::GenesisConfig::<Test> { validators: vec![], session_length: Some(1) }.build_storage()
	});
	assert!(too_short.is_err(), "a session of one block is refused at genesis");
}

#[test]
fn historical_roots_are_stored_from_the_first_rotation_and_pruned_past_the_history_depth() {
	build_and_execute(|| {
		let stored = || pallet_session::historical::StoredRange::<Test>::get();
		let root = |i| pallet_session::historical::HistoricalSessions::<Test>::get(i);
		// The genesis set came from the session pallet's keys: sessions 0
		// and 1 have no root; the first rotation roots session 2 with the
		// same set, which consensus keeps.
		assert_eq!(root(0), None);
		assert_eq!(root(1), None);
		run_to_block(5);
		assert_eq!(root(2).map(|(_, count)| count), Some(3));
		assert_eq!(Session::validators(), vec![1, 2, 3]);
		assert_eq!(events(), vec![]);
		// From then on each session's root is the previous one's.
		run_to_block(10);
		assert_eq!(root(3), root(2));
		// Session 10 runs: roots of sessions 7..=11 are kept, older ones pruned.
		run_to_block(50);
		assert_eq!(Session::current_index(), 10);
		assert_eq!(stored(), Some((7, 12)));
		assert!((7..12).all(|i| root(i).is_some()));
		assert!((0..7).all(|i| root(i).is_none()));
		// A report stays valid for the 3 sessions of 5 blocks kept.
		assert_eq!(<crate::ReportLongevity<Test> as frame_support::traits::Get<u64>>::get(), 15);
	});
}

#[test]
fn a_set_in_which_no_validator_has_keys_is_never_handed_over() {
	build_and_execute(|| {
		// Governance replaces 1, 2, 3 by 4 and 5, which then purge their
		// keys before the boundary: handing that set over would leave
		// consensus with no authority, so the current one stays.
		set_keys(4);
		set_keys(5);
		assert_ok!(add(4));
		assert_ok!(add(5));
		for who in [1, 2, 3] {
			assert_ok!(remove(who));
		}
		assert_ok!(Session::purge_keys(RuntimeOrigin::signed(4)));
		assert_ok!(Session::purge_keys(RuntimeOrigin::signed(5)));
		events();
		run_to_block(20);
		assert_eq!(Session::validators(), vec![1, 2, 3]);
		assert_eq!(Authorities::get(), vec![1, 2, 3]);
		assert!(SetChanged::<Test>::get(), "the change waits");
		assert!(!events().iter().any(|e| matches!(e, Event::ValidatorSetQueued { .. })));
		// Once one of them has keys again, the set goes through.
		set_keys(5);
		run_to_block(30);
		assert_eq!(Session::validators(), vec![5]);
		assert_eq!(Authorities::get(), vec![5]);
	});
}
