//! The flash-stake defence.

use frame_support::assert_ok;
use yuma_primitives::{EpochStake, SubnetHooks};

use crate::{mock::*, EpochStakeSnapshot};

#[test]
fn an_epoch_counts_the_smaller_of_the_stake_now_and_at_the_previous_epoch() {
	build_and_execute(|| {
		let neurons = [(0u16, 100u64), (1, 101)];
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(1), 100, 10 * TAO));
		// First epoch: no previous one, nothing counts yet.
		assert_eq!(Stake::take_epoch_stake(1, &neurons), vec![0, 0]);
		// Flash stake just before the second epoch earns nothing from it...
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(2), 101, 50 * TAO));
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(7), 100, 5 * TAO));
		assert_eq!(Stake::take_epoch_stake(1, &neurons), vec![10 * TAO, 0]);
		// ...and counts from the next one. Removed stake stops counting at once.
		assert_ok!(Stake::remove_stake(RuntimeOrigin::signed(1), 100, 4 * TAO));
		assert_eq!(Stake::take_epoch_stake(1, &neurons), vec![11 * TAO, 50 * TAO]);
		// Snapshots are per subnet.
		assert_eq!(Stake::take_epoch_stake(2, &neurons), vec![0, 0]);
	});
}

#[test]
fn replaced_uids_and_dissolved_subnets_forget_their_snapshots() {
	build_and_execute(|| {
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(1), 100, TAO));
		let neurons: Vec<(u16, u64)> = (0..10).map(|uid| (uid, 100)).collect();
		Stake::take_epoch_stake(1, &neurons);
		Stake::on_uid_replaced(1, 3);
		assert_eq!(EpochStakeSnapshot::<Test>::get(1)[3], 0);
		assert_eq!(EpochStakeSnapshot::<Test>::get(1)[2], TAO, "the others keep theirs");
		assert_eq!(Stake::take_epoch_stake(1, &neurons)[3], 0, "the newcomer starts from nothing");
		assert_eq!(Stake::clear_subnet(1, 0), (0, false), "no budget, nothing done");
		assert_eq!(Stake::clear_subnet(1, 4), (1, true), "one value per subnet");
		assert!(!EpochStakeSnapshot::<Test>::contains_key(1));
	});
}
