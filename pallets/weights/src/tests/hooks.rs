//! What the registry's hooks remove, and what emission reads.

use frame_support::assert_ok;
use yuma_primitives::{SubnetHooks, WeightsSource};

use crate::{mock::*, Commits, LastUpdate, Weights as Rows};

#[test]
fn a_replaced_uid_loses_its_row_update_block_and_commits() {
	build_and_execute(|| {
		assert_ok!(Weights::set_weights(RuntimeOrigin::signed(11), 1, vec![0], vec![1], 0));
		assert_ok!(Weights::set_weights(RuntimeOrigin::signed(12), 1, vec![0], vec![1], 0));
		Weights::on_uid_replaced(1, 1);
		assert_eq!(Rows::<Test>::get(1, 1), None);
		assert_eq!(LastUpdate::<Test>::get(1, 1), None);
		assert!(Rows::<Test>::get(1, 2).is_some(), "others keep theirs");
		assert_eq!(Weights::weights(1, 3), vec![vec![], vec![], vec![(0, 65_535)]]);
		assert_eq!(Weights::last_update(1, 3), vec![0, 0, 1]);
	});
}

#[test]
fn a_dissolved_subnet_is_cleared_a_bounded_amount_at_a_time() {
	build_and_execute(|| {
		for hotkey in 10..15 {
			assert_ok!(Weights::set_weights(RuntimeOrigin::signed(hotkey), 1, vec![0], vec![1], 0));
		}
		Commits::<Test>::insert(1, 4, frame_support::BoundedVec::default());
		// 5 rows + 5 update blocks + 1 commit list = 11 entries.
		assert_eq!(Weights::clear_subnet(1, 4), (4, false));
		assert_eq!(Weights::clear_subnet(1, 4), (4, false));
		assert_eq!(Weights::clear_subnet(1, 4), (3, true));
		assert_eq!(Rows::<Test>::iter_prefix(1).count() + LastUpdate::<Test>::iter_prefix(1).count(), 0);
		assert_eq!(Commits::<Test>::iter_prefix(1).count(), 0);
	});
}

/// The attack: root members voted for subnet 1; it is dissolved and a new
/// subnet takes netuid 1. The old votes must not carry over: clearing the
/// dissolved subnet drops netuid 1 from every root member's row (a row left
/// empty goes), within the same per-call bound as the rest.
#[test]
fn a_dissolved_subnet_loses_the_root_votes_cast_for_it() {
	build_and_execute(|| {
		subnet(0, &[10, 20, 30]);
		subnet(2, &[21]);
		assert_ok!(Weights::set_weights(RuntimeOrigin::signed(10), 0, vec![1, 2], vec![1, 1], 0));
		assert_ok!(Weights::set_weights(RuntimeOrigin::signed(20), 0, vec![1], vec![1], 0));
		assert_ok!(Weights::set_weights(RuntimeOrigin::signed(30), 0, vec![2], vec![1], 0));
		// Subnet 1 has no rows of its own: only the root votes are left to clear.
		// Three rows to read, two of them to rewrite: 5 keys. With room for 3,
		// the first row is scrubbed (2) and the second does not fit.
		assert_eq!(Weights::clear_subnet(1, 3), (2, false));
		assert_eq!(Rows::<Test>::get(0, 0).unwrap().into_inner(), vec![(2, 65_535)]);
		assert_eq!(Rows::<Test>::get(0, 1).unwrap().into_inner(), vec![(1, 65_535)], "not yet");
		// The next call reads the scrubbed row again (1), scrubs the second (2), reads the third (1).
		assert_eq!(Weights::clear_subnet(1, 5), (4, true), "done within the bound");
		assert_eq!(Rows::<Test>::get(0, 1), None, "a row of subnet 1 alone goes");
		assert_eq!(Rows::<Test>::get(0, 2).unwrap().into_inner(), vec![(2, 65_535)], "untouched");
		assert_eq!(Weights::clear_subnet(1, 5), (2, true), "nothing left but reading the two rows");
	});
}

/// The same attack through commit-reveal (on by default on root): a member
/// commits to a row naming subnet 1, subnet 1 is dissolved, and the reveal
/// would land on the next subnet at netuid 1. A dissolution voids every
/// pending root commit, within the same bound.
#[test]
fn a_dissolution_voids_the_pending_root_commits() {
	build_and_execute(|| {
		subnet(0, &[10, 20]);
		let commit = crate::Commit { hash: [7; 32], reveal_epoch: 9 };
		for member in [0u16, 1] {
			Commits::<Test>::insert(0, member, frame_support::BoundedVec::truncate_from(vec![commit.clone()]));
		}
		Commits::<Test>::insert(2, 0, frame_support::BoundedVec::truncate_from(vec![commit]));
		assert_eq!(Weights::clear_subnet(1, 1), (1, false), "one commit voided, the bound reached");
		assert_eq!(Weights::clear_subnet(1, 5), (1, true));
		assert_eq!(Commits::<Test>::iter_prefix(0).count(), 0);
		assert_eq!(Commits::<Test>::iter_prefix(2).count(), 1, "another subnet's commits stay");
	});
}
