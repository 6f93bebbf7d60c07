//! The hotkey owner's position, kept in the pool record: it behaves as any
//! other position, whoever opened the pool and whatever happens to the key.

use frame_support::{assert_noop, assert_ok};
use yuma_primitives::StakeRewards;

use crate::{mock::*, Error, Pools, Positions};

fn pool_of(hotkey: u64) -> crate::Pool<u64> {
	Pools::<Test>::get(hotkey).unwrap()
}

#[test]
fn the_owner_position_lives_in_the_pool_even_when_a_nominator_opened_it() {
	build_and_execute(|| {
		// Nominator 7 opens hotkey 100's pool; its owner is coldkey 1.
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(7), 100, 5 * TAO));
		let id = pool_of(100).id;
		assert_eq!(pool_of(100).owner, 1);
		assert!(!pool_of(100).own.is_open(), "the owner has no position yet");
		assert!(crate::Stake::<Test>::contains_key(id, 7));
		assert!(Positions::<Test>::contains_key(7, id));
		// Incentive opens the owner's position, in the pool.
		assert_eq!(Stake::credit_incentive(&100, TAO), TAO);
		assert_eq!(worth(100, 1), TAO);
		assert!(!crate::Stake::<Test>::contains_key(id, 1), "not in Stake");
		assert!(Positions::<Test>::contains_key(1, id), "but indexed");
		assert_eq!(stakers(100), 2);
		assert_eq!(Stake::stakers_of(&100, 0, 10), vec![1, 7], "the owner first");
		assert_eq!(Stake::stakers_of(&100, 1, 10), vec![7]);
		// The owner stakes, unstakes part, claims, moves: as any position.
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(1), 100, 2 * TAO));
		assert_eq!((worth(100, 1), held(1)), (3 * TAO, 3 * TAO), "the incentive was minted first");
		assert_ok!(Stake::remove_stake(RuntimeOrigin::signed(1), 100, TAO));
		assert_eq!((worth(100, 1), held(1)), (2 * TAO, 2 * TAO));
		assert_ok!(Stake::move_stake(RuntimeOrigin::signed(1), 100, 101, 2 * TAO));
		assert!(!pool_of(100).own.is_open(), "moved out whole: closed");
		assert_eq!((worth(100, 1), worth(101, 1)), (0, 2 * TAO));
		assert_eq!(pool_of(101).owner, 2, "on 101 coldkey 1 is a nominator");
		assert!(crate::Stake::<Test>::contains_key(pool_of(101).id, 1));
		assert_noop!(Stake::claim(RuntimeOrigin::signed(1), 100), Error::<Test>::NoStake);
		// The last nominator leaving removes the pool, owner slot and all.
		assert_ok!(Stake::unstake_all(RuntimeOrigin::signed(7)));
		assert!(Pools::<Test>::get(100).is_none());
		assert_eq!(crate::PoolHotkey::<Test>::iter().count(), 1, "only 101's pool is left");
		assert_eq!(held(7), 0);
	});
}

#[test]
fn a_swapped_hotkey_keeps_its_owner_position() {
	build_and_execute(|| {
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(1), 100, 4 * TAO));
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(7), 100, TAO));
		Stake::credit_incentive(&100, 3);
		assert_ok!(Stake::swap_hotkey(RuntimeOrigin::signed(1), 100, 200));
		assert_eq!((worth(200, 1), worth(200, 7)), (4 * TAO + 3, TAO));
		assert_eq!(Stake::credit_incentive(&200, 5), 5);
		assert_eq!(worth(200, 1), 4 * TAO + 8);
		assert_ok!(Stake::unstake_all(RuntimeOrigin::signed(1)));
		assert_eq!(held(1), 0);
		assert_eq!(free(1), INITIAL_BALANCE - TAO + 8, "the swap fee burned, 8 rao of incentive minted");
	});
}

/// Hotkey ownership never changes in pallet-subnets: the pool records the
/// owner when it opens and pays the owner it records, with no read of the
/// registry. Were the registry ever to name another owner, `try_state` says so.
#[test]
fn rewards_go_to_the_owner_the_pool_records_and_try_state_guards_it() {
	build_and_execute(|| {
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(7), 100, 4 * TAO));
		assert_eq!(Stake::credit_incentive(&100, TAO), TAO);
		assert_eq!((worth(100, 1), worth(100, 7)), (TAO, 4 * TAO), "to coldkey 1, recorded as 100's owner");
		own(9, 100);
		assert_eq!(
			Stake::do_try_state(),
			Err(sp_runtime::TryRuntimeError::Other("a pool's owner is not its hotkey's owner"))
		);
		own(1, 100);
	});
}
