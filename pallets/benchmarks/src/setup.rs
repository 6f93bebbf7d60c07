//! Building the benchmarks' state through the pallets' own calls.

use frame_benchmarking::v2::account;
use frame_system::RawOrigin;
use pallet_emission::benchmarking::{BenchmarkHelper, Pallets};
use pallet_subnets::Hyperparameter;
use sp_runtime::SaturatedConversion;
use yuma_primitives::NetUid;

use crate::Config;

/// The hotkey of uid `i` in a subnet [`subnet`] made (the same in every
/// subnet it made: `i`'s coldkey registers it in each).
pub fn hotkey<T: Config>(i: u32) -> T::AccountId {
	account("hot", i, 0)
}

/// A new subnet with `n` uids registered by burn, each hotkey with its own
/// coldkey; the first `validators` hold 1,000 TAO of stake and weight uids
/// `0..row`; commit-reveal off, no weights rate limit, tempo 360.
pub fn subnet<T: Config>(n: u16, validators: u16, row: u16) -> NetUid {
	<Pallets<T> as BenchmarkHelper<T::AccountId>>::subnet(n, validators, row)
}

/// Sets a hyperparameter of `netuid` as root.
pub fn set<T: Config>(netuid: NetUid, value: Hyperparameter) {
	let done = pallet_subnets::Pallet::<T>::set_hyperparameter(RawOrigin::Root.into(), netuid, value);
	assert!(done.is_ok(), "set_hyperparameter");
}

/// The current block.
pub fn now<T: frame_system::Config>() -> u64 {
	frame_system::Pallet::<T>::block_number().saturated_into()
}

/// Moves to block `b`.
pub fn set_block<T: frame_system::Config>(b: u64) {
	frame_system::Pallet::<T>::set_block_number(b.saturated_into());
}

/// Forgets the setup's events: a real block starts with none, and the
/// measured call's event would otherwise append to thousands.
pub fn clear_events<T: frame_system::Config>() {
	frame_system::Pallet::<T>::reset_events();
}

/// A last epoch's outputs for all `n` uids of `netuid`, nobody holding a
/// validator permit: what the permit check (and a replaced uid's reset)
/// reads at its largest, while setting weights still needs the stake check.
pub fn metagraph<T: Config>(netuid: NetUid, n: u16) {
	use pallet_emission::{Metagraph, PerUid};
	let len = usize::from(n);
	let u16s = || PerUid::<u16>::truncate_from(alloc::vec![1; len]);
	let graph = Metagraph {
		consensus: u16s(),
		incentive: u16s(),
		dividends: u16s(),
		trust: u16s(),
		validator_trust: u16s(),
		rank: u16s(),
		emission: PerUid::<u64>::truncate_from(alloc::vec![1; len]),
		validator_permit: PerUid::<bool>::truncate_from(alloc::vec![false; len]),
		active: PerUid::<bool>::truncate_from(alloc::vec![true; len]),
	};
	pallet_emission::Metagraphs::<T>::insert(netuid, graph);
}

/// The most subnets besides root (`SubnetLimit` counts root): all a hotkey
/// can be registered on.
pub fn max_subnets<T: Config>() -> u32 {
	use frame_support::traits::Get;
	u32::from(<T as pallet_subnets::Config>::SubnetLimit::get()).saturating_sub(1)
}

/// `hotkey` (a uid of `netuid`) serves an axon and a Prometheus endpoint and
/// publishes a commitment of the longest size.
pub fn serve<T: Config>(hotkey: &T::AccountId, netuid: NetUid) {
	let who = || RawOrigin::Signed(hotkey.clone()).into();
	let ip = u128::from(u32::from_be_bytes([10, 0, 0, 1]));
	let axon = pallet_subnets::Pallet::<T>::serve_axon(who(), netuid, 1, ip, 8091, 4, 0);
	assert!(axon.is_ok(), "serve_axon");
	let prometheus = pallet_subnets::Pallet::<T>::serve_prometheus(who(), netuid, 1, ip, 9090, 4);
	assert!(prometheus.is_ok(), "serve_prometheus");
	let data = alloc::vec![1u8; pallet_subnets::MAX_COMMITMENT_LEN as usize];
	let commit = pallet_subnets::Pallet::<T>::commit(who(), netuid, data);
	assert!(commit.is_ok(), "commit");
}
