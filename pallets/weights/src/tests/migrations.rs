//! `migrations::Untouched` over pallet-weights: a release that leaves the
//! pallet alone passes; one that changes a value, drops or adds a key, or
//! moves the storage version fails naming the pallet; a change in another
//! pallet is not this pallet's.

use frame_support::{
	assert_ok,
	traits::{OnRuntimeUpgrade, StorageVersion},
	weights::Weight,
};
use yuma_primitives::upgrade::UntouchedError;

use crate::{migrations::Untouched, mock::*, Commits, LastUpdate, Weights as Rows};

/// A migration whose upgrade is `$body`.
macro_rules! migration {
	($name:ident, $body:expr) => {
		struct $name;
		impl OnRuntimeUpgrade for $name {
			fn on_runtime_upgrade() -> Weight {
				$body;
				Weight::from_parts(7, 0)
			}
		}
	};
}

migration!(RewritesTheSame, LastUpdate::<Test>::insert(1, 0, LastUpdate::<Test>::get(1, 0).unwrap()));
migration!(ChangesAValue, LastUpdate::<Test>::insert(1, 0, 999));
migration!(DropsAKey, Rows::<Test>::remove(1, 1));
migration!(AddsAKey, LastUpdate::<Test>::insert(1, 4, 1));
migration!(MovesTheVersion, StorageVersion::new(1).put::<crate::Pallet<Test>>());
migration!(ChangesSystem, System::inc_providers(&99));

/// Rows from uids 0 and 1 of subnet 1, and a commit from uid 2 waiting for
/// its reveal.
fn populated(test: impl FnOnce()) {
	build_and_execute(|| {
		assert_ok!(Weights::set_weights(RuntimeOrigin::signed(10), 1, vec![1, 2], vec![3, 1], 0));
		assert_ok!(Weights::set_weights(RuntimeOrigin::signed(11), 1, vec![0], vec![1], 0));
		set_hp(1, |hp| hp.commit_reveal_enabled = true);
		assert_ok!(Weights::commit_weights(RuntimeOrigin::signed(12), 1, [7; 32]));
		assert!(Rows::<Test>::contains_key(1, 1) && Commits::<Test>::contains_key(1, 2));
		test()
	})
}

#[test]
fn a_release_that_leaves_weights_alone_passes_and_returns_its_weight() {
	populated(|| {
		assert_eq!(Untouched::<Test>::run_checked(), Ok(Weight::zero()));
		assert_eq!(Untouched::<Test, RewritesTheSame>::run_checked(), Ok(Weight::from_parts(7, 0)));
		assert_eq!(Untouched::<Test, ChangesSystem>::run_checked(), Ok(Weight::from_parts(7, 0)));
		assert_eq!(System::providers(&99), 1, "the inner migration ran");
	});
}

#[test]
fn a_release_that_changes_weights_storage_fails_naming_the_pallet() {
	// Five keys before: two rows, the blocks they were set, one commit.
	type Run = fn() -> Result<Weight, UntouchedError>;
	let cases: [(Run, UntouchedError); 4] = [
		(Untouched::<Test, ChangesAValue>::run_checked, UntouchedError::ValueChanged { pallet: "Weights" }),
		(Untouched::<Test, DropsAKey>::run_checked, UntouchedError::KeysChanged { pallet: "Weights", before: 5, after: 4 }),
		(Untouched::<Test, AddsAKey>::run_checked, UntouchedError::KeysChanged { pallet: "Weights", before: 5, after: 6 }),
		(
			Untouched::<Test, MovesTheVersion>::run_checked,
			UntouchedError::VersionChanged { pallet: "Weights", before: 0, after: 1 },
		),
	];
	for (run, error) in cases {
		populated(|| assert_eq!(run(), Err(error.clone())));
	}
}

/// Through try-runtime's entry point: the readings wrap all the inner
/// migrations, whose own checks run too.
#[cfg(feature = "try-runtime")]
#[test]
fn try_runtime_reads_the_pallet_around_the_inner_migrations() {
	/// Changes nothing, and fails its own post-upgrade check.
	struct FailsItsOwnCheck;
	impl OnRuntimeUpgrade for FailsItsOwnCheck {
		fn on_runtime_upgrade() -> Weight {
			Weight::zero()
		}
		fn post_upgrade(_: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			Err("its own check".into())
		}
	}

	populated(|| {
		assert_ok!(Untouched::<Test, (RewritesTheSame, ChangesSystem)>::try_on_runtime_upgrade(true));
		// A tuple checks each migration alone; the readings here wrap both.
		assert!(Untouched::<Test, (RewritesTheSame, ChangesAValue)>::try_on_runtime_upgrade(true).is_err());
		assert!(Untouched::<Test, FailsItsOwnCheck>::try_on_runtime_upgrade(true).is_err());
		// Without checks nothing is read or compared.
		assert_ok!(Untouched::<Test, FailsItsOwnCheck>::try_on_runtime_upgrade(false));
		// pre_upgrade and post_upgrade on their own.
		let before = Untouched::<Test>::pre_upgrade().unwrap();
		AddsAKey::on_runtime_upgrade();
		assert!(Untouched::<Test>::post_upgrade(before).is_err());
		assert!(Untouched::<Test>::post_upgrade(vec![1, 2, 3]).is_err());
	});
}
