//! Axon and Prometheus endpoints, and commitments.

use alloc::vec::Vec;
use frame_support::{dispatch::DispatchResult, ensure, traits::Get, BoundedVec};

use crate::{
	pallet::*, AxonInfo, Commitment, IpType, NetUid, PrometheusInfo,
};

impl<T: Config> Pallet<T> {
	/// The hotkey must hold a uid in `netuid`; returns the serving rate limit.
	fn serving_checks(netuid: NetUid, hotkey: &T::AccountId) -> Result<u64, Error<T>> {
		let hp = Hyperparams::<T>::get(netuid).ok_or(Error::<T>::SubnetNotFound)?;
		ensure!(Uids::<T>::contains_key(netuid, hotkey), Error::<T>::NotRegistered);
		Ok(u64::from(hp.serving_rate_limit))
	}

	/// Whether `limit` blocks have passed since `last` (always, if never).
	fn rested(last: Option<u64>, limit: u64, now: u64) -> bool {
		last.is_none_or(|last| now >= last.saturating_add(limit))
	}

	fn check_endpoint(ip: u128, port: u16, ip_type: u8) -> Result<(), Error<T>> {
		let kind = IpType::from_number(ip_type).ok_or(Error::<T>::InvalidIpType)?;
		ensure!(kind.is_valid(ip), Error::<T>::InvalidIpAddress);
		ensure!(port != 0, Error::<T>::InvalidPort);
		Ok(())
	}

	#[allow(clippy::too_many_arguments)]
	pub(crate) fn do_serve_axon(
		netuid: NetUid,
		hotkey: T::AccountId,
		version: u32,
		ip: u128,
		port: u16,
		ip_type: u8,
		protocol: u8,
	) -> DispatchResult {
		let limit = Self::serving_checks(netuid, &hotkey)?;
		Self::check_endpoint(ip, port, ip_type)?;
		ensure!(protocol <= 1, Error::<T>::InvalidProtocol);
		let now = Self::now();
		let last = Axons::<T>::get(netuid, &hotkey).map(|a| a.block);
		ensure!(Self::rested(last, limit, now), Error::<T>::ServingRateLimited);
		let axon = AxonInfo { block: now, version, ip, port, ip_type, protocol };
		Axons::<T>::insert(netuid, &hotkey, &axon);
		Self::deposit_event(Event::AxonServed { netuid, hotkey, axon });
		Ok(())
	}

	pub(crate) fn do_serve_prometheus(
		netuid: NetUid,
		hotkey: T::AccountId,
		version: u32,
		ip: u128,
		port: u16,
		ip_type: u8,
	) -> DispatchResult {
		let limit = Self::serving_checks(netuid, &hotkey)?;
		Self::check_endpoint(ip, port, ip_type)?;
		let now = Self::now();
		let last = Prometheus::<T>::get(netuid, &hotkey).map(|p| p.block);
		ensure!(Self::rested(last, limit, now), Error::<T>::ServingRateLimited);
		let prometheus = PrometheusInfo { block: now, version, ip, port, ip_type };
		Prometheus::<T>::insert(netuid, &hotkey, &prometheus);
		Self::deposit_event(Event::PrometheusServed { netuid, hotkey, prometheus });
		Ok(())
	}

	pub(crate) fn do_commit(netuid: NetUid, hotkey: T::AccountId, data: Vec<u8>) -> DispatchResult {
		Self::serving_checks(netuid, &hotkey)?;
		ensure!(!data.is_empty(), Error::<T>::InvalidCommitmentLength);
		let data: BoundedVec<_, _> =
			data.try_into().map_err(|_| Error::<T>::InvalidCommitmentLength)?;
		let now = Self::now();
		let last = Commitments::<T>::get(netuid, &hotkey).map(|c| c.block);
		ensure!(Self::rested(last, T::CommitmentRateLimit::get(), now), Error::<T>::CommitmentRateLimited);
		let hash = sp_io::hashing::blake2_256(&data);
		Commitments::<T>::insert(netuid, &hotkey, Commitment { block: now, data });
		Self::deposit_event(Event::Committed { netuid, hotkey, data_hash: hash });
		Ok(())
	}
}
