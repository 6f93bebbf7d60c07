//! What makes a row of weights acceptable, and storing it.

use alloc::vec::Vec;
use frame_support::{dispatch::DispatchResult, ensure};
use sp_runtime::DispatchError;
use yuma_primitives::{NetUid, PermitInfo, StakeInfo, SubnetRegistry, Uid, ROOT_NETUID};

use crate::pallet::*;

/// The epoch block `block` is in, for subnet `netuid` with `tempo`: it goes
/// up by one at each of the subnet's epoch blocks.
pub fn epoch_index(netuid: NetUid, tempo: u16, block: u64) -> u64 {
	let period = u64::from(tempo).saturating_add(1);
	block
		.saturating_add(u64::from(netuid))
		.saturating_add(1)
		.checked_div(period)
		.unwrap_or(0)
}

impl<T: Config> Pallet<T> {
	/// Checks a row `hotkey` wants to set on `netuid` and returns its uid and
	/// the row to store (sorted by uid, max-upscaled, zeros dropped). Commit-
	/// reveal is not checked here: the callers do.
	pub fn check_weights(
		hotkey: &T::AccountId,
		netuid: NetUid,
		uids: &[Uid],
		values: &[u16],
		version_key: u64,
	) -> Result<(Uid, Row), DispatchError> {
		let hp = T::Registry::hyperparams(netuid).ok_or(Error::<T>::SubnetNotFound)?;
		Self::check_with(hotkey, netuid, &hp, uids, values, version_key)
	}

	/// [`Self::check_weights`] on hyperparameters already read.
	fn check_with(
		hotkey: &T::AccountId,
		netuid: NetUid,
		hp: &yuma_primitives::SubnetHyperparams,
		uids: &[Uid],
		values: &[u16],
		version_key: u64,
	) -> Result<(Uid, Row), DispatchError> {
		let uid = T::Registry::uid_of(netuid, hotkey).ok_or(Error::<T>::NotRegistered)?;
		// The refusals that cost nothing come before any work on the row.
		Self::ensure_may_set_now(hotkey, netuid, uid, hp, version_key)?;
		let row = Self::check_row(netuid, uid, hp, uids, values)?;
		Ok((uid, row))
	}

	/// The row itself, for `uid` of `netuid` (whose hyperparameters are
	/// `hp`), once [`Self::ensure_may_set_now`] has passed: lengths,
	/// duplicates, range, minimum count, maximum weight; returns it sorted,
	/// max-upscaled, zeros dropped.
	pub(crate) fn check_row(
		netuid: NetUid,
		uid: Uid,
		hp: &yuma_primitives::SubnetHyperparams,
		uids: &[Uid],
		values: &[u16],
	) -> Result<Row, DispatchError> {
		ensure!(uids.len() == values.len(), Error::<T>::LengthMismatch);
		let n = T::Registry::neuron_count(netuid);
		let columns = if netuid == ROOT_NETUID {
			u16::try_from(T::Registry::netuids().len().saturating_sub(1)).unwrap_or(u16::MAX)
		} else {
			n
		};
		// Before any work that grows with the row: a row longer than the
		// subnet's columns (or than a stored row holds) is refused as it is,
		// so no call does more than its declared weight (a batch item is
		// weighed at a full row).
		ensure!(
			uids.len() <= usize::from(columns) && uids.len() <= crate::MAX_ROW_LEN as usize,
			Error::<T>::TooManyWeights
		);
		let mut entries: Vec<(Uid, u16)> = uids.iter().copied().zip(values.iter().copied()).collect();
		entries.sort_unstable_by_key(|(u, _)| *u);
		ensure!(entries.windows(2).all(|w| matches!(w, [a, b] if a.0 < b.0)), Error::<T>::DuplicateUids);
		if netuid == ROOT_NETUID {
			// Root weights are over subnets.
			ensure!(
				entries.iter().all(|(u, _)| *u != ROOT_NETUID && T::Registry::exists(*u)),
				Error::<T>::UidOutOfRange
			);
		} else {
			ensure!(entries.iter().all(|(u, _)| *u < n), Error::<T>::UidOutOfRange);
		}
		entries.retain(|(_, v)| *v > 0);
		let self_weight = netuid != ROOT_NETUID && matches!(entries.as_slice(), [(u, _)] if *u == uid);
		// Nobody can set more weights than there are columns.
		let needed = usize::from(hp.min_allowed_weights.min(columns));
		ensure!(self_weight || entries.len() >= needed, Error::<T>::TooFewWeights);
		let sum: u128 = entries.iter().map(|(_, v)| u128::from(*v)).sum();
		let max = entries.iter().map(|(_, v)| *v).max().unwrap_or(0);
		// On a subnet with fewer columns than `min_allowed_weights`, a row
		// can spread over `columns` uids at most: the limit is at least
		// what lets it (an equal spread is never refused).
		let limit = if hp.min_allowed_weights > columns {
			let floor = 65_535u128.div_ceil(u128::from(columns.max(1)));
			u128::from(hp.max_weight_limit).max(floor)
		} else {
			u128::from(hp.max_weight_limit)
		};
		// max / sum <= limit / 65535, in integers.
		ensure!(
			self_weight || u128::from(max).saturating_mul(65_535) <= limit.saturating_mul(sum),
			Error::<T>::MaxWeightExceeded
		);
		// Max-upscale: the largest entry becomes 65535, the rest rounded to nearest.
		let row: Vec<(Uid, u16)> = entries
			.into_iter()
			.map(|(u, v)| {
				let scaled = u128::from(v)
					.saturating_mul(65_535)
					.saturating_add(u128::from(max) / 2)
					.checked_div(u128::from(max))
					.unwrap_or(0);
				(u, u16::try_from(scaled).unwrap_or(u16::MAX))
			})
			.filter(|(_, v)| *v > 0)
			.collect();
		Ok(Row::try_from(row).map_err(|_| Error::<T>::UidOutOfRange)?)
	}

	/// What a row needs whatever its content: a recent enough version key,
	/// the rate limit elapsed, and the permit or the stake.
	pub(crate) fn ensure_may_set_now(
		hotkey: &T::AccountId,
		netuid: NetUid,
		uid: Uid,
		hp: &yuma_primitives::SubnetHyperparams,
		version_key: u64,
	) -> DispatchResult {
		ensure!(version_key >= hp.weights_version_key, Error::<T>::IncorrectVersionKey);
		if let Some(last) = LastUpdate::<T>::get(netuid, uid) {
			// At most one row per uid per block, even at rate limit 0: weight
			// calls are free, so the limit is what bounds them.
			let limit = u64::from(hp.weights_rate_limit.max(1));
			ensure!(Self::now() >= last.saturating_add(limit), Error::<T>::RateLimited);
		}
		Self::ensure_may_weigh(hotkey, netuid, uid, hp)
	}

	/// Without a validator permit of the last epoch, a uid weighs (sets,
	/// commits, reveals) only with `validator_min_stake` behind its hotkey.
	pub(crate) fn ensure_may_weigh(
		hotkey: &T::AccountId,
		netuid: NetUid,
		uid: Uid,
		hp: &yuma_primitives::SubnetHyperparams,
	) -> DispatchResult {
		if !T::Permits::has_permit(netuid, uid) {
			ensure!(
				T::StakeInfo::total_stake(hotkey) >= hp.validator_min_stake,
				Error::<T>::NotEnoughStakeWithoutPermit
			);
		}
		Ok(())
	}

	/// What `set_weights` checks, without writing: commit-reveal is off
	/// and the row passes [`Self::check_weights`].
	pub(crate) fn check_set(
		hotkey: &T::AccountId,
		netuid: NetUid,
		uids: &[Uid],
		values: &[u16],
		version_key: u64,
	) -> Result<(Uid, Row), DispatchError> {
		let hp = T::Registry::hyperparams(netuid).ok_or(Error::<T>::SubnetNotFound)?;
		ensure!(!hp.commit_reveal_enabled, Error::<T>::CommitRevealEnabled);
		Self::check_with(hotkey, netuid, &hp, uids, values, version_key)
	}

	pub(crate) fn do_set_weights(
		hotkey: &T::AccountId,
		netuid: NetUid,
		uids: Vec<Uid>,
		values: Vec<u16>,
		version_key: u64,
	) -> DispatchResult {
		let (uid, row) = Self::check_set(hotkey, netuid, &uids, &values, version_key)?;
		Self::store_row(netuid, uid, row);
		Ok(())
	}

	/// Stores a checked row, with the block in `LastUpdate`.
	pub(crate) fn store_row(netuid: NetUid, uid: Uid, row: Row) {
		let count = u32::try_from(row.len()).unwrap_or(u32::MAX);
		Weights::<T>::insert(netuid, uid, row);
		LastUpdate::<T>::insert(netuid, uid, Self::now());
		Self::deposit_event(Event::WeightsSet { netuid, uid, count });
	}
}
