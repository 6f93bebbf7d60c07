//! Benchmarks of pallet-weights' calls. The worst case of every call: the
//! caller's uid holds no validator permit (so its stake is read too), the
//! subnet's metagraph is full size, a row was set before (the rate limit is
//! read), and for commit-reveal the uid's queue of commits is full.

use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{traits::Get, BoundedVec};
use frame_system::RawOrigin;
use pallet_subnets::Hyperparameter as H;
use pallet_weights::{epoch_index, Call, Commit, Commits, LastUpdate, RevealItem, SetItem, MAX_BATCH, MAX_ROW_LEN, MAX_SALT_LEN};
use yuma_primitives::{NetUid, SubnetRegistry, Uid, ROOT_NETUID};

use crate::{setup::*, Config};

/// pallet-weights, as `define_benchmarks!` lists it.
pub struct Pallet<T: Config>(core::marker::PhantomData<T>);

/// The row uid 0 sets: `k` uids in a shuffled order (sorting a sorted row
/// would be its best case), all at the same weight.
fn row(k: u32) -> (Vec<Uid>, Vec<u16>) {
	let k = u16::try_from(k).unwrap_or(u16::MAX);
	let mut uids: Vec<Uid> = (0..k).collect();
	// Fisher-Yates with a fixed linear congruential sequence.
	let mut state: u32 = 0x2545_f491;
	for i in (1..uids.len()).rev() {
		state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
		let j = ((state >> 8) as usize).checked_rem(i.saturating_add(1)).unwrap_or(0);
		uids.swap(i, j);
	}
	(uids, vec![u16::MAX; usize::from(k)])
}

/// A subnet of `n` uids as the worst case meets it: uid 0 the caller, and
/// the last epoch's metagraph at its largest (4,096 uids, which the permit
/// check decodes whatever the row's length), nobody holding a permit; at
/// the block after its setup.
fn weighted_subnet<T: Config>(n: u32) -> NetUid {
	let n = u16::try_from(n).unwrap_or(u16::MAX);
	let netuid = subnet::<T>(n, 1, n);
	metagraph::<T>(netuid, MAX_ROW_LEN as u16);
	set_block::<T>(now::<T>().saturating_add(1));
	netuid
}

/// Root (netuid 0) as its worst case meets it: a full registry (the check
/// lists every subnet, and reads each one a row names), uid 0's hotkey a
/// root member with stake and no permit, root's metagraph for its members,
/// commit-reveal on or off; at the block after. Returns a row naming every
/// subnet.
fn root_member<T: Config>(commit_reveal: bool) -> (Vec<Uid>, Vec<u16>) {
	use pallet_subnets::SubnetN;
	let all = max_subnets::<T>() as usize;
	while <T as pallet_weights::Config>::Registry::netuids().len() <= all {
		subnet::<T>(1, 1, 1);
	}
	let hot = hotkey::<T>(0);
	if <T as pallet_weights::Config>::Registry::uid_of(ROOT_NETUID, &hot).is_none() {
		// The coldkey that registered uid 0 of every subnet (`subnet`).
		let cold: T::AccountId = frame_benchmarking::v2::account("cold", 0, 0);
		let joined = pallet_subnets::Pallet::<T>::root_register(RawOrigin::Signed(cold).into(), hot);
		assert!(joined.is_ok(), "root_register");
	}
	set::<T>(ROOT_NETUID, H::WeightsRateLimit(0));
	set::<T>(ROOT_NETUID, H::CommitRevealEnabled(commit_reveal));
	metagraph::<T>(ROOT_NETUID, SubnetN::<T>::get(ROOT_NETUID));
	set_block::<T>(now::<T>().saturating_add(1));
	let netuids: Vec<Uid> = <T as pallet_weights::Config>::Registry::netuids()
		.into_iter()
		.filter(|netuid| *netuid != ROOT_NETUID)
		.rev()
		.collect();
	let values = vec![u16::MAX; netuids.len()];
	(netuids, values)
}

/// Turns commit-reveal on for `netuid` and fills uid 0's queue with
/// `MaxPendingCommits - 1` commits due this epoch, none matching any row;
/// returns the epoch.
fn pending_commits<T: Config>(netuid: NetUid) -> u64 {
	set::<T>(netuid, H::CommitRevealEnabled(true));
	let tempo = <T as pallet_weights::Config>::Registry::hyperparams(netuid).map_or(360, |hp| hp.tempo);
	let epoch = epoch_index(netuid, tempo, now::<T>());
	let others = <T as pallet_weights::Config>::MaxPendingCommits::get().saturating_sub(1);
	let queue: Vec<Commit> = (0..others)
		.map(|i| Commit { hash: [u8::try_from(i % 250).unwrap_or(0).saturating_add(1); 32], reveal_epoch: epoch })
		.collect();
	Commits::<T>::insert(netuid, 0, BoundedVec::truncate_from(queue));
	epoch
}

/// Adds uid 0's commit to `(uids, values, salt)` at the end of its queue, due
/// this epoch.
fn commit_to<T: Config>(netuid: NetUid, uids: &[Uid], values: &[u16], salt: &[u8], epoch: u64) {
	let hash = pallet_weights::Pallet::<T>::commit_hash(&hotkey::<T>(0), netuid, uids, values, salt, 0);
	Commits::<T>::mutate(netuid, 0, |queue| {
		let mut list = queue.take().map(|q| q.into_inner()).unwrap_or_default();
		list.push(Commit { hash, reveal_epoch: epoch });
		*queue = Some(BoundedVec::truncate_from(list));
	});
}

/// Fills uid 0's queue on `netuid` ([`pending_commits`]) and adds its
/// commit to `(uids, values)` with the longest salt, due this epoch;
/// returns the salt.
fn last_commit_to<T: Config>(netuid: NetUid, uids: &[Uid], values: &[u16]) -> Vec<u8> {
	let epoch = pending_commits::<T>(netuid);
	let salt = vec![7u8; MAX_SALT_LEN];
	commit_to::<T>(netuid, uids, values, &salt, epoch);
	salt
}

/// What `CheckWeights` does with `call` by `who`: the number of pool tags
/// it provides, or the refusal.
fn pool_check<T: Config>(who: &T::AccountId, call: &Call<T>) -> Result<usize, sp_runtime::DispatchError> {
	pallet_weights::Pallet::<T>::validate_call(who, call).map(|tags| tags.len())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A row of `k` weights on a subnet of `k` uids.
	#[benchmark]
	fn set_weights(k: Linear<1, MAX_ROW_LEN>) {
		let netuid = weighted_subnet::<T>(k);
		let (uids, values) = row(k);
		clear_events::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(hotkey::<T>(0)), netuid, uids, values, 0);

		assert_eq!(pallet_weights::Weights::<T>::get(netuid, 0).map(|r| r.len()), Some(k as usize));
		assert_eq!(LastUpdate::<T>::get(netuid, 0), Some(now::<T>()));
	}

	/// A commit into a queue with one place left, the others due.
	#[benchmark]
	fn commit_weights() {
		let netuid = weighted_subnet::<T>(2);
		pending_commits::<T>(netuid);
		clear_events::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(hotkey::<T>(0)), netuid, [0u8; 32]);

		let queued = Commits::<T>::get(netuid, 0).map_or(0, |q| q.len());
		assert_eq!(queued as u32, <T as pallet_weights::Config>::MaxPendingCommits::get());
	}

	/// Revealing a row of `k` weights with the longest salt, its commit the
	/// last of a full queue.
	#[benchmark]
	fn reveal_weights(k: Linear<1, MAX_ROW_LEN>) {
		let netuid = weighted_subnet::<T>(k);
		let (uids, values) = row(k);
		let salt = last_commit_to::<T>(netuid, &uids, &values);
		clear_events::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(hotkey::<T>(0)), netuid, uids, values, salt, 0);

		assert_eq!(pallet_weights::Weights::<T>::get(netuid, 0).map(|r| r.len()), Some(k as usize));
		let left = Commits::<T>::get(netuid, 0).map_or(0, |q| q.len());
		assert_eq!(left as u32, <T as pallet_weights::Config>::MaxPendingCommits::get().saturating_sub(1));
	}

	/// `b` items, each on its own two-uid subnet: what a batch adds to its
	/// items (each item's row is declared as a `set_weights` of its own).
	#[benchmark]
	fn batch_set_weights(b: Linear<1, MAX_BATCH>) {
		let (uids, values) = row(2);
		let items: Vec<SetItem> =
			(0..b).map(|_| (weighted_subnet::<T>(2), uids.clone(), values.clone(), 0)).collect();
		let netuids: Vec<NetUid> = items.iter().map(|item| item.0).collect();
		clear_events::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(hotkey::<T>(0)), items);

		for netuid in netuids {
			assert_eq!(LastUpdate::<T>::get(netuid, 0), Some(now::<T>()));
		}
	}

	/// `b` reveals, each on its own two-uid subnet with a full queue.
	#[benchmark]
	fn batch_reveal_weights(b: Linear<1, MAX_BATCH>) {
		let (uids, values) = row(2);
		let salt = vec![7u8; MAX_SALT_LEN];
		let netuids: Vec<NetUid> = (0..b).map(|_| weighted_subnet::<T>(2)).collect();
		for netuid in &netuids {
			let epoch = pending_commits::<T>(*netuid);
			commit_to::<T>(*netuid, &uids, &values, &salt, epoch);
		}
		let items: Vec<RevealItem> =
			netuids.iter().map(|netuid| (*netuid, uids.clone(), values.clone(), salt.clone(), 0)).collect();
		clear_events::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(hotkey::<T>(0)), items);

		for netuid in netuids {
			assert_eq!(LastUpdate::<T>::get(netuid, 0), Some(now::<T>()));
		}
	}

	/// The pool's check (`CheckWeights`) of a `set_weights` of `k` uids
	/// that passes: every check runs, nothing is written.
	#[benchmark]
	fn check_set_weights(k: Linear<1, MAX_ROW_LEN>) {
		let netuid = weighted_subnet::<T>(k);
		let (uids, values) = row(k);
		let call = Call::<T>::set_weights { netuid, uids, values, version_key: 0 };
		let who = hotkey::<T>(0);
		let tags;

		#[block]
		{
			tags = pool_check::<T>(&who, &call);
		}

		assert_eq!(tags, Ok(1));
	}

	/// The pool's check of a commit into a queue with one place left.
	#[benchmark]
	fn check_commit_weights() {
		let netuid = weighted_subnet::<T>(2);
		pending_commits::<T>(netuid);
		let call = Call::<T>::commit_weights { netuid, hash: [0u8; 32] };
		let who = hotkey::<T>(0);
		let tags;

		#[block]
		{
			tags = pool_check::<T>(&who, &call);
		}

		assert_eq!(tags, Ok(1));
	}

	/// The pool's check of a reveal of `k` uids, its commit the last of a
	/// full queue.
	#[benchmark]
	fn check_reveal_weights(k: Linear<1, MAX_ROW_LEN>) {
		let netuid = weighted_subnet::<T>(k);
		let (uids, values) = row(k);
		let salt = last_commit_to::<T>(netuid, &uids, &values);
		let call = Call::<T>::reveal_weights { netuid, uids, values, salt, version_key: 0 };
		let who = hotkey::<T>(0);
		let tags;

		#[block]
		{
			tags = pool_check::<T>(&who, &call);
		}

		assert_eq!(tags, Ok(1));
	}

	/// Root weights over every subnet of a full registry (what a root
	/// call adds to its row's `set_weights`).
	#[benchmark]
	fn set_root_weights() {
		let (uids, values) = root_member::<T>(false);
		let count = uids.len();
		clear_events::<T>();

		#[extrinsic_call]
		set_weights(RawOrigin::Signed(hotkey::<T>(0)), ROOT_NETUID, uids, values, 0);

		assert_eq!(pallet_weights::Weights::<T>::get(ROOT_NETUID, 0).map(|r| r.len()), Some(count));
	}

	/// Revealing root weights over every subnet, the commit the last of a
	/// full queue.
	#[benchmark]
	fn reveal_root_weights() {
		let (uids, values) = root_member::<T>(true);
		let salt = last_commit_to::<T>(ROOT_NETUID, &uids, &values);
		let count = uids.len();
		clear_events::<T>();

		#[extrinsic_call]
		reveal_weights(RawOrigin::Signed(hotkey::<T>(0)), ROOT_NETUID, uids, values, salt, 0);

		assert_eq!(pallet_weights::Weights::<T>::get(ROOT_NETUID, 0).map(|r| r.len()), Some(count));
	}

	/// The pool's check of root weights over every subnet.
	#[benchmark]
	fn check_set_root_weights() {
		let (uids, values) = root_member::<T>(false);
		let call = Call::<T>::set_weights { netuid: ROOT_NETUID, uids, values, version_key: 0 };
		let who = hotkey::<T>(0);
		let tags;

		#[block]
		{
			tags = pool_check::<T>(&who, &call);
		}

		assert_eq!(tags, Ok(1));
	}

	/// The pool's check of a root reveal over every subnet.
	#[benchmark]
	fn check_reveal_root_weights() {
		let (uids, values) = root_member::<T>(true);
		let salt = last_commit_to::<T>(ROOT_NETUID, &uids, &values);
		let call = Call::<T>::reveal_weights { netuid: ROOT_NETUID, uids, values, salt, version_key: 0 };
		let who = hotkey::<T>(0);
		let tags;

		#[block]
		{
			tags = pool_check::<T>(&who, &call);
		}

		assert_eq!(tags, Ok(1));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_bench_ext(), crate::mock::Test);
}
