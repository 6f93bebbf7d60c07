//! set_weights: the stored row, and every named error (each leaving the row as it was).

use frame_support::{assert_noop, assert_ok};

use crate::{mock::*, Error, Event, LastUpdate, Weights as Rows};

fn set(hotkey: u64, uids: Vec<u16>, values: Vec<u16>) -> frame_support::dispatch::DispatchResult {
	Weights::set_weights(RuntimeOrigin::signed(hotkey), 1, uids, values, 0)
}

/// Hotkey 10 (uid 0) set a row at block 1 (rate limit 100); now block 1,000. Returns the row.
fn existing_row() -> Vec<(u16, u16)> {
	assert_ok!(set(10, vec![1, 2], vec![1, 1]));
	System::set_block_number(1_000);
	events();
	Rows::<Test>::get(1, 0).unwrap().into_inner()
}

#[test]
fn weights_are_stored_sorted_and_max_upscaled() {
	build_and_execute(|| {
		assert_ok!(set(10, vec![3, 1, 2], vec![100, 400, 0]));
		assert_eq!(Rows::<Test>::get(1, 0).unwrap().into_inner(), vec![(1, 65_535), (3, 16_384)]);
		assert_eq!(LastUpdate::<Test>::get(1, 0), Some(1));
		assert_eq!(events(), vec![Event::WeightsSet { netuid: 1, uid: 0, count: 2 }]);
	});
}

#[test]
fn a_single_self_weight_is_allowed() {
	build_and_execute(|| {
		crate::mock::set_hp(1, |hp| hp.min_allowed_weights = 3);
		assert_ok!(set(11, vec![1], vec![5]));
		assert_eq!(Rows::<Test>::get(1, 1).unwrap().into_inner(), vec![(1, 65_535)]);
	});
}

macro_rules! refused {
	($name:ident, $setup:expr, $call:expr, $error:ident) => {
		#[test]
		fn $name() {
			build_and_execute(|| {
				let row = existing_row();
				#[allow(clippy::no_effect, clippy::unused_unit)]
				$setup;
				assert_noop!($call, Error::<Test>::$error);
				assert_eq!(Rows::<Test>::get(1, 0).unwrap().into_inner(), row, "row unchanged");
			});
		}
	};
}

refused!(unknown_subnet, (), Weights::set_weights(RuntimeOrigin::signed(10), 9, vec![1], vec![1], 0), SubnetNotFound);
refused!(unregistered_hotkey, (), set(99, vec![1], vec![1]), NotRegistered);
refused!(lengths_differ, (), set(10, vec![1, 2], vec![1]), LengthMismatch);
refused!(duplicate_uids, (), set(10, vec![1, 2, 1], vec![1, 1, 1]), DuplicateUids);
refused!(uid_not_below_n, (), set(10, vec![1, 5], vec![1, 1]), UidOutOfRange);
refused!(
	too_few_weights,
	crate::mock::set_hp(1, |hp| hp.min_allowed_weights = 3),
	set(10, vec![1, 2, 3], vec![1, 1, 0]),
	TooFewWeights
);
refused!(
	an_entry_above_max_weight_limit,
	crate::mock::set_hp(1, |hp| hp.max_weight_limit = 32_768),
	set(10, vec![1, 2], vec![3, 1]),
	MaxWeightExceeded
);
refused!(
	an_old_version_key,
	crate::mock::set_hp(1, |hp| hp.weights_version_key = 7),
	Weights::set_weights(RuntimeOrigin::signed(10), 1, vec![1], vec![1], 6),
	IncorrectVersionKey
);
refused!(too_soon_after_the_last_set, System::set_block_number(100), set(10, vec![1], vec![1]), RateLimited);
refused!(
	commit_reveal_is_on,
	crate::mock::set_hp(1, |hp| hp.commit_reveal_enabled = true),
	set(10, vec![1], vec![1]),
	CommitRevealEnabled
);
refused!(
	no_permit_and_too_little_stake,
	crate::mock::set_hp(1, |hp| hp.validator_min_stake = 1_000),
	set(10, vec![1], vec![1]),
	NotEnoughStakeWithoutPermit
);

#[test]
fn the_rate_limit_and_version_key_admit_what_they_should() {
	build_and_execute(|| {
		existing_row();
		System::set_block_number(1_100);
		crate::mock::set_hp(1, |hp| hp.weights_version_key = 7);
		assert_ok!(Weights::set_weights(RuntimeOrigin::signed(10), 1, vec![3], vec![1], 7));
		assert_eq!(Rows::<Test>::get(1, 0).unwrap().into_inner(), vec![(3, 65_535)]);
	});
}

#[test]
fn a_permit_or_enough_stake_lets_a_validator_set_weights() {
	build_and_execute(|| {
		crate::mock::set_hp(1, |hp| hp.validator_min_stake = 1_000);
		give_permit(1, 1);
		assert_ok!(set(11, vec![0], vec![1]));
		set_stake(12, 1_000);
		assert_ok!(set(12, vec![0], vec![1]));
	});
}

#[test]
fn min_allowed_weights_is_capped_by_the_subnet_size() {
	build_and_execute(|| {
		crate::mock::set_hp(1, |hp| hp.min_allowed_weights = 100);
		assert_ok!(set(10, vec![0, 1, 2, 3, 4], vec![1, 1, 1, 1, 1]));
	});
}

/// The trap: an owner sets `min_allowed_weights` 256 and `max_weight_limit`
/// 256 (which together pass the owner bound) on a subnet of 5 uids, where no
/// row can spread thinner than 1/5. Below `min_allowed_weights` columns, the
/// limit is at least 1/columns: an equal spread is stored, a skewed one is
/// still refused.
#[test]
fn a_subnet_smaller_than_min_allowed_weights_still_takes_an_equal_row() {
	build_and_execute(|| {
		crate::mock::set_hp(1, |hp| {
			hp.min_allowed_weights = 256;
			hp.max_weight_limit = 256;
		});
		assert_noop!(set(10, vec![0, 1, 2, 3, 4], vec![3, 1, 1, 1, 1]), Error::<Test>::MaxWeightExceeded);
		assert_ok!(set(10, vec![0, 1, 2, 3, 4], vec![1, 1, 1, 1, 1]));
		assert_eq!(Rows::<Test>::get(1, 0).unwrap().len(), 5);
	});
}
