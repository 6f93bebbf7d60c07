//! Commit, then reveal in the right epoch.

use frame_support::{assert_noop, assert_ok};

use crate::{epoch_index, mock::*, Commits, Error, Event, Weights as Rows};

const SALT: [u8; 8] = *b"pepper!!";

/// Commit-reveal on subnet 1 with tempo 9: epochs of netuid 1 start at the
/// blocks b with (b + 2) % 10 == 0 (8, 18, 28, ...).
fn commit_reveal_subnet() {
	crate::mock::set_hp(1, |hp| {
		hp.commit_reveal_enabled = true;
		hp.tempo = 9;
		hp.commit_reveal_period = 1;
		hp.weights_rate_limit = 0;
	});
}

fn hash(uids: &[u16], values: &[u16], salt: &[u8]) -> [u8; 32] {
	Weights::commit_hash(&10, 1, uids, values, salt, 0)
}

fn reveal(uids: Vec<u16>, values: Vec<u16>, salt: &[u8]) -> frame_support::dispatch::DispatchResult {
	Weights::reveal_weights(RuntimeOrigin::signed(10), 1, uids, values, salt.to_vec(), 0)
}

#[test]
fn epochs_start_at_epoch_blocks() {
	assert_eq!(epoch_index(1, 9, 7), 0);
	assert_eq!(epoch_index(1, 9, 8), 1);
	assert_eq!(epoch_index(1, 9, 17), 1);
	assert_eq!(epoch_index(1, 9, 18), 2);
	assert_eq!(epoch_index(0, 0, 5), 6, "tempo 0: every block is an epoch");
}

#[test]
fn a_reveal_in_the_next_epoch_sets_the_weights() {
	build_and_execute(|| {
		commit_reveal_subnet();
		System::set_block_number(10); // epoch 1
		assert_ok!(Weights::commit_weights(RuntimeOrigin::signed(10), 1, hash(&[1, 2], &[3, 1], &SALT)));
		assert_eq!(
			events(),
			vec![Event::WeightsCommitted { netuid: 1, uid: 0, commit_hash: hash(&[1, 2], &[3, 1], &SALT), reveal_epoch: 2 }]
		);
		System::set_block_number(18); // epoch 2
		assert_ok!(reveal(vec![1, 2], vec![3, 1], &SALT));
		assert_eq!(Rows::<Test>::get(1, 0).unwrap().into_inner(), vec![(1, 65_535), (2, 21_845)]);
		assert_eq!(Commits::<Test>::get(1, 0), None, "the commit is used up");
		// Replaying the reveal finds no commit.
		System::set_block_number(19);
		assert_noop!(reveal(vec![1, 2], vec![3, 1], &SALT), Error::<Test>::NoMatchingCommit);
	});
}

/// Hotkey 10 (uid 0) set a row before commit-reveal was turned on, then
/// committed to `[1] -> [1]` with SALT at block 10 (epoch 1, reveal in epoch 2).
fn row_then_commit() -> Vec<(u16, u16)> {
	assert_ok!(Weights::set_weights(RuntimeOrigin::signed(10), 1, vec![2], vec![1], 0));
	let row = Rows::<Test>::get(1, 0).unwrap().into_inner();
	commit_reveal_subnet();
	System::set_block_number(10);
	assert_ok!(Weights::commit_weights(RuntimeOrigin::signed(10), 1, hash(&[1], &[1], &SALT)));
	row
}

macro_rules! refused {
	($name:ident, $block:expr, $call:expr, $error:ident) => {
		refused!($name, $block, {}, $call, $error);
	};
	($name:ident, $block:expr, $prep:block, $call:expr, $error:ident) => {
		#[test]
		fn $name() {
			build_and_execute(|| {
				let row = row_then_commit();
				System::set_block_number($block);
				$prep;
				assert_noop!($call, Error::<Test>::$error);
				assert_eq!(Rows::<Test>::get(1, 0).unwrap().into_inner(), row, "row unchanged");
			});
		}
	};
}

refused!(a_reveal_before_its_epoch, 17, reveal(vec![1], vec![1], &SALT), RevealTooEarly);
refused!(a_reveal_after_its_epoch, 28, reveal(vec![1], vec![1], &SALT), RevealTooLate);
refused!(a_reveal_with_the_wrong_salt, 18, reveal(vec![1], vec![1], b"salt"), NoMatchingCommit);
refused!(a_reveal_of_other_weights, 18, reveal(vec![2], vec![1], &SALT), NoMatchingCommit);
refused!(a_salt_too_long, 18, reveal(vec![1], vec![1], &[0; 65]), SaltTooLong);
refused!(
	an_eleventh_pending_commit,
	11,
	{
		for k in 0..9u8 {
			assert_ok!(Weights::commit_weights(RuntimeOrigin::signed(10), 1, [k; 32]));
		}
	},
	Weights::commit_weights(RuntimeOrigin::signed(10), 1, [9; 32]),
	TooManyPendingCommits
);
refused!(
	a_commit_with_commit_reveal_off,
	11,
	{ crate::mock::set_hp(1, |hp| hp.commit_reveal_enabled = false) },
	Weights::commit_weights(RuntimeOrigin::signed(10), 1, [0; 32]),
	CommitRevealDisabled
);
refused!(
	a_reveal_with_commit_reveal_off,
	18,
	{ crate::mock::set_hp(1, |hp| hp.commit_reveal_enabled = false) },
	reveal(vec![1], vec![1], &SALT),
	CommitRevealDisabled
);
refused!(
	a_replayed_reveal,
	18,
	{
		assert_ok!(reveal(vec![1], vec![1], &SALT));
		assert_eq!(Rows::<Test>::get(1, 0).unwrap().into_inner(), vec![(1, 65_535)]);
		// The check after the replay compares with the row before the first
		// reveal: put it back, so that only the replay is judged.
		Rows::<Test>::insert(1, 0, crate::Row::try_from(vec![(2, 65_535)]).unwrap());
		System::set_block_number(19);
	},
	reveal(vec![1], vec![1], &SALT),
	NoMatchingCommit
);

#[test]
fn a_reveal_is_checked_like_set_weights() {
	build_and_execute(|| {
		commit_reveal_subnet();
		System::set_block_number(10);
		assert_ok!(Weights::commit_weights(RuntimeOrigin::signed(10), 1, hash(&[1, 9], &[1, 1], &SALT)));
		System::set_block_number(18);
		assert_noop!(reveal(vec![1, 9], vec![1, 1], &SALT), Error::<Test>::UidOutOfRange);
	});
}

#[test]
fn expired_commits_make_room() {
	build_and_execute(|| {
		commit_reveal_subnet();
		System::set_block_number(10);
		for k in 0..10u8 {
			assert_ok!(Weights::commit_weights(RuntimeOrigin::signed(10), 1, [k; 32]));
		}
		System::set_block_number(28); // all ten expired
		assert_ok!(Weights::commit_weights(RuntimeOrigin::signed(10), 1, [10; 32]));
		assert_eq!(Commits::<Test>::get(1, 0).unwrap().len(), 1);
	});
}

#[test]
fn commits_need_a_subnet_and_a_uid() {
	build_and_execute(|| {
		commit_reveal_subnet();
		assert_noop!(Weights::commit_weights(RuntimeOrigin::signed(99), 1, [0; 32]), Error::<Test>::NotRegistered);
		assert_noop!(Weights::commit_weights(RuntimeOrigin::signed(10), 9, [0; 32]), Error::<Test>::SubnetNotFound);
	});
}
