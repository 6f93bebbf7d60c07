//! Root weights are over subnets.

use frame_support::{assert_noop, assert_ok};

use crate::{mock::*, Error, Weights as Rows};

#[test]
fn root_members_weight_subnets_by_netuid() {
	build_and_execute(|| {
		subnet(2, &[20]);
		subnet(3, &[30]);
		assert_ok!(Weights::set_weights(RuntimeOrigin::signed(10), 0, vec![3, 1, 2], vec![1, 2, 4], 0));
		assert_eq!(Rows::<Test>::get(0, 0).unwrap().into_inner(), vec![(1, 32_768), (2, 65_535), (3, 16_384)]);
		System::set_block_number(200);
		// Netuid 7 is no subnet, and root is not a target.
		assert_noop!(Weights::set_weights(RuntimeOrigin::signed(10), 0, vec![7], vec![1], 0), Error::<Test>::UidOutOfRange);
		assert_noop!(Weights::set_weights(RuntimeOrigin::signed(10), 0, vec![0], vec![1], 0), Error::<Test>::UidOutOfRange);
		assert_noop!(Weights::set_weights(RuntimeOrigin::signed(11), 0, vec![1], vec![1], 0), Error::<Test>::NotRegistered);
	});
}
