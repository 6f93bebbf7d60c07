//! Benchmarks of the epoch (feature `runtime-benchmarks`): its cost as a
//! function of the subnet's size `n`, its validators' rows `v` and their
//! weights `w`, and the
//! cost of dividends credited to a validator with many positions.
//!
//! The epoch is measured in parts: `subnet_epoch(n, v, w)` (inputs, engine,
//! outputs stored, with `v` rows of weights read), `payouts(k)` (k incentives into existing positions),
//! `dividends(p)` (one validator's dividends, p positions on it) and
//! `open_positions(k)` (first payouts that open a position); the epoch's
//! weight is their sum over what it did. `subnet_epoch_largest` measures a
//! whole epoch at the largest size, to check that sum. The subnets are in a
//! steady state: three epochs before (stake counted, permits granted, bonds
//! kept, every paid uid's position open), every uid with its own coldkey,
//! all validators weighting the same uids.

use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::traits::fungible::Mutate;
use frame_system::RawOrigin;
use sp_runtime::SaturatedConversion;
use yuma_primitives::{NetUid, StakeRewards, SubnetRegistry, Uid};

use crate::pallet::*;

/// 1 TAO in rao.
const TAO: u64 = 1_000_000_000;

/// Builds the state an epoch reads, with the runtime's own pallets.
pub trait BenchmarkHelper<AccountId> {
	/// A new subnet with `n` uids, each hotkey owned by its own coldkey; the
	/// first `validators` uids hold 1,000 TAO of stake and weight uids
	/// `0..row` equally; every other uid weights uid 0 (rows the epoch must
	/// not read). Returns the netuid.
	fn subnet(n: u16, validators: u16, row: u16) -> NetUid;
	/// `count` nominators, each staking 1 TAO on `hotkey`.
	fn nominate(hotkey: &AccountId, count: u32);
}

/// [`BenchmarkHelper`] through pallet-subnets, pallet-stake and pallet-weights.
pub struct Pallets<T>(core::marker::PhantomData<T>);

fn set_block<T: frame_system::Config>(b: u64) {
	frame_system::Pallet::<T>::set_block_number(b.saturated_into());
}

fn funded<T: Config>(name: &'static str, i: u32, amount: u64) -> T::AccountId {
	let who: T::AccountId = account(name, i, 0);
	let _ = T::Currency::mint_into(&who, amount);
	who
}

impl<T> BenchmarkHelper<T::AccountId> for Pallets<T>
where
	T: Config + pallet_subnets::Config + pallet_stake::Config + pallet_weights::Config,
{
	fn subnet(n: u16, validators: u16, row: u16) -> NetUid {
		use pallet_subnets::Hyperparameter as H;
		// Far from genesis: no network rate limit in the way.
		let mut now = Pallet::<T>::now().saturating_add(1_000_000);
		set_block::<T>(now);
		let lock = pallet_subnets::Pallet::<T>::network_lock_cost(now);
		let owner = funded::<T>("owner", 0, lock.saturating_add(1_000 * TAO));
		let registered = pallet_subnets::Pallet::<T>::register_network(RawOrigin::Signed(owner).into());
		assert!(registered.is_ok(), "register_network");
		let netuid = <T as Config>::Registry::netuids().into_iter().max().unwrap_or_default();
		for value in [
			H::MaxAllowedUids(n),
			H::MaxAllowedValidators(validators.max(1)),
			H::MaxRegsPerBlock(64),
			H::CommitRevealEnabled(false),
			H::WeightsRateLimit(0),
			H::Tempo(360),
		] {
			let set = pallet_subnets::Pallet::<T>::set_hyperparameter(RawOrigin::Root.into(), netuid, value);
			assert!(set.is_ok(), "set_hyperparameter");
		}
		let burn = <T as Config>::Registry::hyperparams(netuid).map_or(TAO, |hp| hp.max_burn);
		for i in 0..u32::from(n) {
			if i > 0 && i % 64 == 0 {
				now = now.saturating_add(1);
				set_block::<T>(now);
			}
			let cold = funded::<T>("cold", i, burn.saturating_add(1_100 * TAO));
			let hot: T::AccountId = account("hot", i, 0);
			let ok = pallet_subnets::Pallet::<T>::burned_register(RawOrigin::Signed(cold.clone()).into(), netuid, hot.clone());
			assert!(ok.is_ok(), "burned_register");
			if i < u32::from(validators) {
				let ok = pallet_stake::Pallet::<T>::add_stake(RawOrigin::Signed(cold).into(), hot, 1_000 * TAO);
				assert!(ok.is_ok(), "add_stake");
			}
		}
		now = now.saturating_add(1);
		set_block::<T>(now);
		let entries: Vec<(Uid, u16)> = (0..row).map(|uid| (uid, u16::MAX)).collect();
		for uid in 0..n {
			let row = if uid < validators { entries.clone() } else { alloc::vec![(0, u16::MAX)] };
			pallet_weights::Weights::<T>::insert(netuid, uid, pallet_weights::Row::truncate_from(row));
			pallet_weights::LastUpdate::<T>::insert(netuid, uid, now);
		}
		netuid
	}

	fn nominate(hotkey: &T::AccountId, count: u32) {
		for i in 0..count {
			let who = funded::<T>("nominator", i, 10 * TAO);
			let ok = pallet_stake::Pallet::<T>::add_stake(RawOrigin::Signed(who).into(), hotkey.clone(), TAO);
			assert!(ok.is_ok(), "add_stake");
		}
	}
}

/// Runs three epochs (stake counted, permits granted, bonds formed, every
/// paid uid's position opened), then promises 100 TAO to the subnet;
/// returns the next block and hyperparameters.
fn steady<T: Config>(netuid: NetUid) -> (u64, yuma_primitives::SubnetHyperparams) {
	let hp = T::Registry::hyperparams(netuid).unwrap_or_default();
	let mut now = Pallet::<T>::now();
	for _ in 0..3 {
		now = now.saturating_add(1);
		set_block::<T>(now);
		promise::<T>(netuid);
		Pallet::<T>::subnet_epoch(netuid, now, now, &hp);
	}
	now = now.saturating_add(1);
	set_block::<T>(now);
	promise::<T>(netuid);
	(now, hp)
}

/// Forgets the setup's events before the measured block, as every block
/// starts with none: otherwise the block's first event appends to a list of
/// every registration and nomination of the setup (100,000 of them for
/// `dividends`), a cost no real block has.
fn clear_events<T: frame_system::Config>() {
	frame_system::Pallet::<T>::reset_events();
}

/// Promises 100 TAO to `netuid`, as blocks would.
fn promise<T: Config>(netuid: NetUid) {
	let pending = 100 * TAO;
	PendingEmission::<T>::mutate(netuid, |p| *p = p.saturating_add(pending));
	TotalPending::<T>::mutate(|p| *p = p.saturating_add(pending));
	TotalPromised::<T>::mutate(|p| *p = p.saturating_add(pending));
}

/// The measured epoch paid every weighted uid and every validator.
fn check_paid<T: Config>(netuid: NetUid, paid: u32) {
	let m = Metagraphs::<T>::get(netuid).unwrap_or_default();
	let count = m.emission.iter().filter(|e| **e > 0).count();
	assert_eq!(count, paid as usize, "uids paid");
	assert_eq!(PendingEmission::<T>::get(netuid), 0);
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// The epoch without its payouts: `n` uids, `v` validators each weighting
	/// the same `w / v` uids (at most `n`; every other uid stores a row too,
	/// unread). `w` runs to full density, 256 rows of 4,096 weights.
	#[benchmark]
	fn subnet_epoch(n: Linear<1024, 4096>, v: Linear<16, 256>, w: Linear<0, 1_048_576>) {
		let row = u16::try_from(w.checked_div(v).unwrap_or(0).min(n)).unwrap_or(u16::MAX);
		let netuid = T::BenchmarkHelper::subnet(n as u16, v as u16, row);
		let (now, hp) = steady::<T>(netuid);
		let computed;

		clear_events::<T>();

		#[block]
		{
			computed = Pallet::<T>::compute_epoch(netuid, now, &hp).1;
		}

		// Validators (0..v) and the weighted uids (0..row) overlap on 0..v.
		let to_pay = computed.map_or(0, |c| c.payouts.len());
		assert_eq!(to_pay, usize::from(row.max(v as u16)), "uids to pay");
	}

	/// `k` incentives paid into existing positions (each uid's own coldkey).
	#[benchmark]
	fn payouts(k: Linear<1, 4096>) {
		let netuid = T::BenchmarkHelper::subnet(k as u16, 0, 0);
		let list: Vec<(T::AccountId, u64, u64)> = (0..k as u16)
			.filter_map(|uid| T::Registry::hotkey_of(netuid, uid))
			.map(|hotkey| (hotkey, TAO, 0))
			.collect();
		let pending = u64::from(k).saturating_mul(TAO);
		// Open the positions first: the measured payouts find them.
		Pallet::<T>::pay(netuid, 1, 1, pending, 0, &list);

		clear_events::<T>();

		#[block]
		{
			Pallet::<T>::pay(netuid, 2, 2, pending, 0, &list);
		}

		assert!(list.iter().all(|(h, _, _)| T::Stake::positions(h) == 1));
		assert_eq!(TotalCredited::<T>::get(), pending.saturating_mul(2));
	}

	/// The whole epoch, payouts included, of the largest subnet at full
	/// density: 4096 uids, 64 validators each weighting all 4096 (262,144
	/// weights), every uid paid.
	#[benchmark]
	fn subnet_epoch_largest() {
		let netuid = T::BenchmarkHelper::subnet(4096, 64, 4096);
		let (now, hp) = steady::<T>(netuid);

		clear_events::<T>();

		#[block]
		{
			Pallet::<T>::subnet_epoch(netuid, now, now, &hp);
		}

		check_paid::<T>(netuid, 4096);
	}

	/// Dividends of one validator with `p` positions on it (its owner and
	/// `p - 1` nominators): flat, since they are credited to its pool.
	#[benchmark]
	fn dividends(p: Linear<1, 100_000>) {
		let netuid = T::BenchmarkHelper::subnet(1, 1, 1);
		let hotkey = T::Registry::hotkey_of(netuid, 0).unwrap_or_else(|| account("hot", 0, 0));
		T::BenchmarkHelper::nominate(&hotkey, p.saturating_sub(1));
		let credited;

		clear_events::<T>();

		#[block]
		{
			credited = T::Stake::credit_dividends(&hotkey, 100 * TAO);
		}

		assert_eq!(credited, 100 * TAO);
		assert_eq!(T::Stake::positions(&hotkey), p);
	}

	/// `k` first payouts of incentive, each opening its owner's position.
	#[benchmark]
	fn open_positions(k: Linear<1, 1024>) {
		let netuid = T::BenchmarkHelper::subnet(k as u16, 0, 0);
		let hotkeys: Vec<T::AccountId> = (0..k as u16).filter_map(|uid| T::Registry::hotkey_of(netuid, uid)).collect();
		let mut credited = 0u64;

		clear_events::<T>();

		#[block]
		{
			for hotkey in &hotkeys {
				credited = credited.saturating_add(T::Stake::credit_incentive(hotkey, TAO));
			}
		}

		assert_eq!(credited, u64::from(k) * TAO);
		assert!(hotkeys.iter().all(|h| T::Stake::positions(h) == 1));
	}

	/// A block's own work with `s` subnets besides root, none of them due:
	/// the emission promised to each, the due scan, the queue.
	#[benchmark]
	fn block(s: Linear<1, 127>) {
		while (T::Registry::netuids().len() as u32) <= s {
			T::BenchmarkHelper::subnet(1, 0, 0);
		}
		// A block at which nothing is due (every epoch is its own benchmark).
		let netuids = T::Registry::netuids();
		let mut now = Pallet::<T>::now().saturating_add(1);
		while netuids
			.iter()
			.any(|n| T::Registry::hyperparams(*n).is_some_and(|hp| Pallet::<T>::is_due(*n, hp.tempo, now)))
		{
			now = now.saturating_add(1);
		}
		set_block::<T>(now);
		let before = TotalPending::<T>::get();

		#[block]
		{
			<Pallet<T> as frame_support::traits::Hooks<frame_system::pallet_prelude::BlockNumberFor<T>>>::on_initialize(
				now.saturated_into(),
			);
		}

		assert!(TotalPending::<T>::get() > before, "the block's emission was promised");
		assert!(EpochQueue::<T>::get().is_empty());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_bench_ext(), crate::mock::Test);
}
