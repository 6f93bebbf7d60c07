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
