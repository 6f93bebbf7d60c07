//! Benchmarks of pallet-stake's calls. Worst cases: the position touched has
//! rewards to mint (a stream of dividends fully released), new positions are
//! opened (index and count written), the coldkey is one position below its
//! limit, and a hotkey swap moves a hotkey registered, served and committed
//! on every subnet.

use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{fungible::Mutate, Get};
use frame_system::RawOrigin;
use pallet_stake::{Call, LastTakeChange, PositionCount, Positions, Takes};
use sp_runtime::Perbill;
use yuma_primitives::{NetUid, StakeRewards};

use crate::{setup::*, Config};

/// pallet-stake, as `define_benchmarks!` lists it.
pub struct Pallet<T: Config>(core::marker::PhantomData<T>);

/// 1 TAO in rao.
const TAO: u64 = 1_000_000_000;

/// A coldkey with `amount` rao free.
fn funded<T: Config>(name: &'static str, amount: u64) -> T::AccountId {
	let who: T::AccountId = account(name, 0, 0);
	let _ = <T as pallet_stake::Config>::Currency::mint_into(&who, amount);
	who
}

/// `count` registered hotkeys: the uids of a new subnet, each staked by its
/// own coldkey.
fn hotkeys<T: Config>(count: u32) -> Vec<T::AccountId> {
	let n = u16::try_from(count).unwrap_or(u16::MAX);
	subnet::<T>(n, n, 1);
	let keys: Vec<T::AccountId> = (0..count).map(hotkey::<T>).collect();
	keys
}

/// Credits 10 TAO of dividends to each of `keys` and moves past the stream.
fn reward<T: Config>(keys: &[T::AccountId]) {
	for key in keys {
		<pallet_stake::Pallet<T> as StakeRewards<T::AccountId>>::credit_dividends(key, 10 * TAO);
	}
	let stream = <T as pallet_stake::Config>::RewardStreamBlocks::get();
	set_block::<T>(now::<T>().saturating_add(stream).saturating_add(1));
}

/// `who` stakes 10 TAO on each of `keys`.
fn stake_on<T: Config>(who: &T::AccountId, keys: &[T::AccountId]) {
	for key in keys {
		let done = pallet_stake::Pallet::<T>::add_stake(RawOrigin::Signed(who.clone()).into(), key.clone(), 10 * TAO);
		assert!(done.is_ok(), "add_stake");
	}
}

/// Sets `who`'s position count one below the limit (the limit is checked on
/// the count alone, so no real positions are needed).
fn near_limit<T: Config>(who: &T::AccountId) {
	let limit = <T as pallet_stake::Config>::MaxPositionsPerColdkey::get();
	PositionCount::<T>::insert(who, limit.saturating_sub(1));
}

/// A staker's 10 TAO position on a registered hotkey, with rewards released
/// to mint: `(hotkey, staker)`.
fn rewarded_position<T: Config>() -> (T::AccountId, T::AccountId) {
	let keys = hotkeys::<T>(1);
	let staker = funded::<T>("staker", 1_000 * TAO);
	stake_on::<T>(&staker, &keys);
	reward::<T>(&keys);
	(hotkey::<T>(0), staker)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A new position on a rewarded pool, the coldkey at its limit but one.
	#[benchmark]
	fn add_stake() {
		let keys = hotkeys::<T>(1);
		let hot = hotkey::<T>(0);
		let staker = funded::<T>("staker", 1_000 * TAO);
		near_limit::<T>(&staker);
		reward::<T>(&keys);
		clear_events::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(staker.clone()), hot.clone(), 10 * TAO);

		assert!(pallet_stake::Pallet::<T>::position_value(&hot, &staker).0 >= 10 * TAO);
	}

	/// Half of a rewarded position.
	#[benchmark]
	fn remove_stake() {
		let (hot, staker) = rewarded_position::<T>();
		clear_events::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(staker.clone()), hot.clone(), 5 * TAO);

		assert!(pallet_stake::Pallet::<T>::position_value(&hot, &staker).0 >= 5 * TAO);
	}

	/// Minting a rewarded position's rewards onto its hold.
	#[benchmark]
	fn claim() {
		let (hot, staker) = rewarded_position::<T>();
		clear_events::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(staker.clone()), hot.clone());

		let (worth, held) = pallet_stake::Pallet::<T>::position_value(&hot, &staker);
		assert_eq!(worth, held);
	}

	/// Closing `p` rewarded positions.
	#[benchmark]
	fn unstake_all(p: Linear<1, { <T as pallet_stake::Config>::MaxPositionsPerColdkey::get() }>) {
		let keys = hotkeys::<T>(p);
		let staker = funded::<T>("staker", 10_000 * TAO);
		stake_on::<T>(&staker, &keys);
		reward::<T>(&keys);
		clear_events::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(staker.clone()));

		assert_eq!(Positions::<T>::iter_key_prefix(&staker).count(), 0);
	}

	/// Half of a rewarded position into a new position on another rewarded
	/// pool, the coldkey at its limit but one.
	#[benchmark]
	fn move_stake() {
		let keys = hotkeys::<T>(2);
		let (hot, other) = (hotkey::<T>(0), hotkey::<T>(1));
		let staker = funded::<T>("staker", 1_000 * TAO);
		stake_on::<T>(&staker, core::slice::from_ref(&hot));
		near_limit::<T>(&staker);
		reward::<T>(&keys);
		clear_events::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(staker.clone()), hot.clone(), other.clone(), 5 * TAO);

		assert!(pallet_stake::Pallet::<T>::position_value(&other, &staker).0 >= 5 * TAO);
	}

	/// Lowering a take that was set before.
	#[benchmark]
	fn decrease_take() {
		hotkeys::<T>(1);
		let hot = hotkey::<T>(0);
		let owner: T::AccountId = account("cold", 0, 0);
		Takes::<T>::insert(&hot, Perbill::from_percent(10));
		LastTakeChange::<T>::insert(&hot, 0u64);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), hot.clone(), Perbill::from_percent(5));

		assert_eq!(Takes::<T>::get(&hot), Some(Perbill::from_percent(5)));
	}

	/// Raising a take last raised long enough ago.
	#[benchmark]
	fn increase_take() {
		hotkeys::<T>(1);
		let hot = hotkey::<T>(0);
		let owner: T::AccountId = account("cold", 0, 0);
		Takes::<T>::insert(&hot, Perbill::from_percent(1));
		LastTakeChange::<T>::insert(&hot, 0u64);
		let interval = <T as pallet_stake::Config>::TakeIncreaseInterval::get();
		set_block::<T>(now::<T>().saturating_add(interval).saturating_add(1));
		let to = <T as pallet_stake::Config>::MaxTake::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), hot.clone(), to);

		assert_eq!(Takes::<T>::get(&hot), Some(to));
	}

	/// A hotkey with stake, a take and, on each of `s` subnets, a uid, an
	/// axon, a Prometheus endpoint and a commitment, moved to a new hotkey.
	#[benchmark]
	fn swap_hotkey(s: Linear<1, { crate::setup::max_subnets::<T>() }>) {
		let netuids: Vec<NetUid> = (0..s).map(|_| subnet::<T>(1, 1, 1)).collect();
		let old = hotkey::<T>(0);
		let owner: T::AccountId = account("cold", 0, 0);
		let _ = <T as pallet_stake::Config>::Currency::mint_into(&owner, 1_000 * TAO);
		Takes::<T>::insert(&old, Perbill::from_percent(10));
		LastTakeChange::<T>::insert(&old, 0u64);
		for netuid in &netuids {
			serve::<T>(&old, *netuid);
		}
		let new: T::AccountId = account("new", 0, 0);
		clear_events::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), old.clone(), new.clone());

		assert!(pallet_stake::Pools::<T>::contains_key(&new));
		for netuid in netuids {
			assert_eq!(pallet_subnets::Uids::<T>::get(netuid, &new), Some(0));
			assert!(pallet_subnets::Axons::<T>::contains_key(netuid, &new));
		}
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_bench_ext(), crate::mock::Test);
}
