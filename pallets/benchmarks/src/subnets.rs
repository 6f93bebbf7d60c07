//! Benchmarks of pallet-subnets' calls and block hook. Worst cases: a
//! registration replaces a neuron of a full subnet (every slot scanned for
//! the one to prune, its row, bonds, commits and metagraph entries reset), a
//! network registration prunes a subnet of a full registry, root replaces
//! its weakest member, and the hook adjusts every subnet's costs, forgets
//! the most seals and clears a block's worth of a dissolved subnet.

use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate, EnsureOrigin, Get, Hooks},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use pallet_subnets::{
	blocks_until_epoch, Call, Dissolving, Hyperparameter as H, Networks, SubnetCount, SubnetN, Uids, UsedWork,
	MAX_COMMITMENT_LEN, MAX_PROPOSED_HYPERPARAMETERS, MAX_UIDS_BOUND, ROOT_NETUID,
};
use sp_runtime::SaturatedConversion;
use yuma_primitives::{NetUid, Uid};

use crate::{setup::*, Config};

/// pallet-subnets, as `define_benchmarks!` lists it.
pub struct Pallet<T: Config>(core::marker::PhantomData<T>);

/// 1 TAO in rao.
const TAO: u64 = 1_000_000_000;

/// A coldkey with `amount` rao free.
fn funded<T: Config>(name: &'static str, i: u32, amount: u64) -> T::AccountId {
	let who: T::AccountId = account(name, i, 0);
	let _ = <T as pallet_subnets::Config>::Currency::mint_into(&who, amount);
	who
}

/// A full subnet of `n` uids whose every uid has a row of weights, bonds
/// and a full queue of commits, with a full metagraph: what replacing a
/// uid resets. Registration open to one more this block.
fn full_subnet<T: Config>(n: u32) -> NetUid {
	let n = u16::try_from(n).unwrap_or(u16::MAX);
	let netuid = subnet::<T>(n, 1, n);
	metagraph::<T>(netuid, n);
	let bonds: Vec<(Uid, u16)> = (0..n.min(256)).map(|uid| (uid, 1)).collect();
	for uid in 0..n {
		pallet_emission::Bonds::<T>::insert(netuid, uid, BoundedVec::truncate_from(bonds.clone()));
	}
	set_block::<T>(now::<T>().saturating_add(1));
	netuid
}

/// Moves on until `netuid`'s owner may change a hyperparameter (not in the
/// blocks just before an epoch).
fn out_of_freeze<T: Config>(netuid: NetUid) {
	let tempo = pallet_subnets::Hyperparams::<T>::get(netuid).map_or(360, |hp| hp.tempo);
	let until = blocks_until_epoch(netuid, tempo, now::<T>());
	if until > 0 && until <= 10 {
		set_block::<T>(now::<T>().saturating_add(until).saturating_add(1));
	}
}

/// Registers networks (each with its own owner) until `count` live subnets
/// besides root; returns their netuids.
fn networks<T: Config>(count: u32) -> Vec<NetUid> {
	let mut made = Vec::new();
	for i in 0..count {
		set_block::<T>(now::<T>().saturating_add(1_000_000));
		let lock = pallet_subnets::Pallet::<T>::network_lock_cost(now::<T>());
		let owner = funded::<T>("owner", i, lock.saturating_add(10 * TAO));
		let done = pallet_subnets::Pallet::<T>::register_network(RawOrigin::Signed(owner).into());
		assert!(done.is_ok(), "register_network");
		if let Some(netuid) = Networks::<T>::iter_keys().max() {
			made.push(netuid);
		}
	}
	made
}

fn hook_block<T: Config>() -> BlockNumberFor<T> {
	now::<T>().saturated_into()
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A registration with room left (no subnet pruned).
	#[benchmark]
	fn register_network() {
		set_block::<T>(now::<T>().saturating_add(1_000_000));
		let owner = funded::<T>("owner", 9_999, 1_000_000 * TAO);
		let before = SubnetCount::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(owner));

		assert_eq!(SubnetCount::<T>::get(), before.saturating_add(1));
	}

	/// A registration into a full registry: every subnet looked at, the
	/// weakest dissolved (its lock returned), then the new one.
	#[benchmark]
	fn register_network_pruning() {
		let limit = u32::from(<T as pallet_subnets::Config>::SubnetLimit::get());
		networks::<T>(limit.saturating_sub(u32::from(SubnetCount::<T>::get())));
		let immunity = <T as pallet_subnets::Config>::SubnetImmunityPeriod::get();
		set_block::<T>(now::<T>().saturating_add(immunity).saturating_add(1_000_000));
		let lock = pallet_subnets::Pallet::<T>::network_lock_cost(now::<T>());
		let owner = funded::<T>("owner", 9_999, lock.saturating_add(10 * TAO));

		#[block]
		{
			let done = pallet_subnets::Pallet::<T>::register_network(RawOrigin::Signed(owner).into());
			assert!(done.is_ok(), "register_network");
		}

		assert_eq!(u32::from(SubnetCount::<T>::get()), limit);
		assert_eq!(Dissolving::<T>::iter_keys().count(), 1);
	}

	/// The owner dissolves a subnet: its records go now, whatever its size
	/// (whole values removed unread); its per-uid state is queued for the
	/// hook ([`clear_dissolved`]).
	#[benchmark]
	fn dissolve_network() {
		let netuid = subnet::<T>(16, 1, 16);
		let owner = Networks::<T>::get(netuid).map(|info| info.owner).unwrap_or_else(|| account("owner", 0, 0));

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), netuid);

		assert!(Dissolving::<T>::contains_key(netuid));
	}

	/// The owner changes a hyperparameter it changed before (rate limit read).
	#[benchmark]
	fn set_hyperparameter() {
		let netuid = subnet::<T>(16, 1, 16);
		let owner = Networks::<T>::get(netuid).map(|info| info.owner).unwrap_or_else(|| account("owner", 0, 0));
		pallet_subnets::LastHyperparameterChange::<T>::insert(netuid, H::ImmunityPeriod(0).index(), 0u64);
		out_of_freeze::<T>(netuid);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), netuid, H::ImmunityPeriod(4_000));

		assert_eq!(pallet_subnets::Hyperparams::<T>::get(netuid).map(|hp| hp.immunity_period), Some(4_000));
	}

	/// A burn registration replacing a neuron of a full subnet of `n`.
	#[benchmark]
	fn burned_register(n: Linear<1, { u32::from(MAX_UIDS_BOUND) }>) {
		let netuid = full_subnet::<T>(n);
		let coldkey = funded::<T>("newcomer", 0, 1_000 * TAO);
		let hotkey: T::AccountId = account("new", 0, 0);
		clear_events::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(coldkey), netuid, hotkey.clone());

		assert!(Uids::<T>::contains_key(netuid, &hotkey));
		assert_eq!(u32::from(SubnetN::<T>::get(netuid)), n);
	}

	/// A proof-of-work registration replacing a neuron of a full subnet of `n`.
	#[benchmark]
	fn register(n: Linear<1, { u32::from(MAX_UIDS_BOUND) }>) {
		let netuid = full_subnet::<T>(n);
		set::<T>(netuid, H::MinDifficulty(1));
		set::<T>(netuid, H::Difficulty(1));
		let coldkey = funded::<T>("newcomer", 0, 1_000 * TAO);
		let hotkey: T::AccountId = account("new", 0, 0);
		let block = now::<T>().saturating_sub(1);
		let hash = frame_system::Pallet::<T>::block_hash(block.saturated_into::<BlockNumberFor<T>>());
		let work = pallet_subnets::pow::seal(hash.as_ref(), &hotkey, &coldkey, 0);
		clear_events::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(coldkey), netuid, block, 0, work, hotkey.clone());

		assert!(Uids::<T>::contains_key(netuid, &hotkey));
	}

	/// A hotkey with more stake than the weakest of `n` root members
	/// replaces it (every member's stake read).
	#[benchmark]
	fn root_register(n: Linear<1, { u32::from(<T as pallet_subnets::Config>::MaxRootMembers::get()) }>) {
		let cap = u16::try_from(n).unwrap_or(u16::MAX);
		set::<T>(ROOT_NETUID, H::MaxAllowedUids(cap.max(SubnetN::<T>::get(ROOT_NETUID))));
		// Fresh accounts for each run (the benchmark tests run several in one state).
		let base = n.saturating_mul(1_000);
		let mut i = base;
		while SubnetN::<T>::get(ROOT_NETUID) < cap {
			let coldkey = funded::<T>("member-cold", i, 100 * TAO);
			let member: T::AccountId = account("member", i, 0);
			let joined = pallet_subnets::Pallet::<T>::root_register(RawOrigin::Signed(coldkey.clone()).into(), member.clone());
			assert!(joined.is_ok(), "root_register");
			let staked = pallet_stake::Pallet::<T>::add_stake(RawOrigin::Signed(coldkey).into(), member, 10 * TAO);
			assert!(staked.is_ok(), "add_stake");
			i = i.saturating_add(1);
		}
		// The newcomer: registered on a subnet (so it can be staked on), with more stake.
		let netuid = subnet::<T>(1, 1, 1);
		let coldkey = funded::<T>("newcomer-cold", base, 2_000 * TAO);
		let newcomer: T::AccountId = account("newcomer", base, 0);
		let joined = pallet_subnets::Pallet::<T>::burned_register(RawOrigin::Signed(coldkey.clone()).into(), netuid, newcomer.clone());
		assert!(joined.is_ok(), "burned_register");
		let staked = pallet_stake::Pallet::<T>::add_stake(RawOrigin::Signed(coldkey.clone()).into(), newcomer.clone(), 1_000 * TAO);
		assert!(staked.is_ok(), "add_stake");
		// Two root epochs since (seat stake counts stake held through one).
		let at = now::<T>();
		pallet_stake::PrevRootEpochAt::<T>::put(at.saturating_add(1));
		pallet_stake::RootEpochAt::<T>::put(at.saturating_add(2));
		set_block::<T>(at.saturating_add(3));
		clear_events::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(coldkey), newcomer.clone());

		assert!(Uids::<T>::contains_key(ROOT_NETUID, &newcomer));
		assert_eq!(SubnetN::<T>::get(ROOT_NETUID), cap.max(SubnetN::<T>::get(ROOT_NETUID)));
	}

	/// A hotkey replaces its axon.
	#[benchmark]
	fn serve_axon() {
		let netuid = subnet::<T>(1, 1, 1);
		let hot = hotkey::<T>(0);
		serve::<T>(&hot, netuid);
		set_block::<T>(now::<T>().saturating_add(1_000));

		#[extrinsic_call]
		_(RawOrigin::Signed(hot.clone()), netuid, 2, u128::MAX, 8092, 6, 1);

		assert_eq!(pallet_subnets::Axons::<T>::get(netuid, &hot).map(|a| a.port), Some(8092));
	}

	/// A hotkey replaces its Prometheus endpoint.
	#[benchmark]
	fn serve_prometheus() {
		let netuid = subnet::<T>(1, 1, 1);
		let hot = hotkey::<T>(0);
		serve::<T>(&hot, netuid);
		set_block::<T>(now::<T>().saturating_add(1_000));

		#[extrinsic_call]
		_(RawOrigin::Signed(hot.clone()), netuid, 2, u128::MAX, 9091, 6);

		assert_eq!(pallet_subnets::Prometheus::<T>::get(netuid, &hot).map(|p| p.port), Some(9091));
	}

	/// A hotkey replaces its commitment with `b` bytes.
	#[benchmark]
	fn commit(b: Linear<1, MAX_COMMITMENT_LEN>) {
		let netuid = subnet::<T>(1, 1, 1);
		let hot = hotkey::<T>(0);
		serve::<T>(&hot, netuid);
		set_block::<T>(now::<T>().saturating_add(1_000));
		let data = vec![2u8; b as usize];

		#[extrinsic_call]
		_(RawOrigin::Signed(hot.clone()), netuid, data);

		assert!(pallet_subnets::Commitments::<T>::contains_key(netuid, &hot));
	}

	/// A subnet created by governance with `h` hyperparameters changed, into
	/// a registry with one place left (every lower netuid looked at).
	#[benchmark]
	fn create_subnet(h: Linear<0, MAX_PROPOSED_HYPERPARAMETERS>) -> Result<(), BenchmarkError> {
		let limit = u32::from(<T as pallet_subnets::Config>::SubnetLimit::get());
		networks::<T>(limit.saturating_sub(u32::from(SubnetCount::<T>::get())).saturating_sub(1));
		let changes: Vec<H> = (0..h).map(|i| H::ImmunityPeriod(u16::try_from(1_000u32.saturating_add(i)).unwrap_or(1_000))).collect();
		let changes = BoundedVec::truncate_from(changes);
		let owner: T::AccountId = account("created", 0, 0);
		let origin = <T as pallet_subnets::Config>::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, owner, changes);

		assert_eq!(u32::from(SubnetCount::<T>::get()), limit);
		Ok(())
	}

	/// Governance changes a default of new subnets.
	#[benchmark]
	fn set_subnet_default() -> Result<(), BenchmarkError> {
		let origin = <T as pallet_subnets::Config>::ParametersOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, H::ImmunityPeriod(4_000));

		assert_eq!(pallet_subnets::SubnetDefaults::<T>::get().map(|hp| hp.immunity_period), Some(4_000));
		Ok(())
	}

	/// The block hook with `s` live subnets, all due for a cost adjustment,
	/// and `w` seals made on the block that just became too old (nothing
	/// dissolving).
	#[benchmark]
	fn on_initialize(s: Linear<1, { crate::setup::max_subnets::<T>() }>, w: Linear<0, 1_024>) {
		let netuids = networks::<T>(s);
		let expired = now::<T>().saturating_add(1);
		for i in 0..w {
			let mut seal = [0u8; 32];
			for (byte, from) in seal.iter_mut().zip(i.to_le_bytes()) {
				*byte = from;
			}
			UsedWork::<T>::insert(expired, seal, ());
		}
		let at = expired.saturating_add(pallet_subnets::POW_MAX_AGE).saturating_add(1);
		for netuid in &netuids {
			pallet_subnets::NextAdjustment::<T>::insert(netuid, at);
		}
		set_block::<T>(at);
		clear_events::<T>();

		#[block]
		{
			pallet_subnets::Pallet::<T>::on_initialize(hook_block::<T>());
		}

		assert_eq!(UsedWork::<T>::iter_prefix(expired).count(), 0);
		for netuid in netuids {
			assert!(pallet_subnets::NextAdjustment::<T>::get(netuid).is_some_and(|next| next > at));
		}
	}

	/// One block's clearing of a dissolved subnet (its uids each with a
	/// row, update block, commits and bonds): `ClearPerBlock` entries
	/// removed, whatever they are (removal does not read them).
	#[benchmark]
	fn clear_dissolved() {
		let netuid = full_subnet::<T>(<T as pallet_subnets::Config>::ClearPerBlock::get().min(u32::from(MAX_UIDS_BOUND)));
		let owner = Networks::<T>::get(netuid).map(|info| info.owner).unwrap_or_else(|| account("owner", 0, 0));
		let dissolved = pallet_subnets::Pallet::<T>::dissolve_network(RawOrigin::Signed(owner).into(), netuid);
		assert!(dissolved.is_ok(), "dissolve_network");
		set_block::<T>(now::<T>().saturating_add(1));
		let before = pallet_subnets::Keys::<T>::iter_prefix(netuid).count();

		#[block]
		{
			pallet_subnets::Pallet::<T>::on_initialize(hook_block::<T>());
		}

		assert!(pallet_subnets::Keys::<T>::iter_prefix(netuid).count() < before);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_bench_ext(), crate::mock::Test);
}
