//! Commit-reveal of weights.

use alloc::vec::Vec;
use codec::Encode;
use frame_support::{dispatch::DispatchResult, ensure, BoundedVec};
use sp_runtime::DispatchError;
use yuma_primitives::{NetUid, SubnetRegistry, Uid};

use crate::{checks::epoch_index, pallet::*, MAX_SALT_LEN};

/// A uid's queue of commits.
pub(crate) type Queue<T> = BoundedVec<Commit, <T as Config>::MaxPendingCommits>;

impl<T: Config> Pallet<T> {
	/// The hash a commit must hold for these weights.
	pub fn commit_hash(
		hotkey: &T::AccountId,
		netuid: NetUid,
		uids: &[Uid],
		values: &[u16],
		salt: &[u8],
		version_key: u64,
	) -> [u8; 32] {
		sp_io::hashing::blake2_256(&(hotkey, netuid, uids, values, salt, version_key).encode())
	}

	/// What `commit_weights` checks, without writing: the uid and its
	/// queue with the new commit (expired ones dropped), and the reveal epoch.
	pub(crate) fn check_commit(
		hotkey: &T::AccountId,
		netuid: NetUid,
		hash: [u8; 32],
	) -> Result<(Uid, Queue<T>, u64), DispatchError> {
		let hp = T::Registry::hyperparams(netuid).ok_or(Error::<T>::SubnetNotFound)?;
		ensure!(hp.commit_reveal_enabled, Error::<T>::CommitRevealDisabled);
		let uid = T::Registry::uid_of(netuid, hotkey).ok_or(Error::<T>::NotRegistered)?;
		// A commit its uid could not reveal is refused now (commits are free).
		Self::ensure_may_weigh(hotkey, netuid, uid, &hp)?;
		let current = epoch_index(netuid, hp.tempo, Self::now());
		// Expired commits make room.
		let mut pending: Vec<Commit> = Commits::<T>::get(netuid, uid)
			.map(|c| c.into_inner())
			.unwrap_or_default()
			.into_iter()
			.filter(|c| c.reveal_epoch >= current)
			.collect();
		let reveal_epoch = current.saturating_add(u64::from(hp.commit_reveal_period));
		pending.push(Commit { hash, reveal_epoch });
		let pending = Queue::<T>::try_from(pending).map_err(|_| Error::<T>::TooManyPendingCommits)?;
		Ok((uid, pending, reveal_epoch))
	}

	pub(crate) fn do_commit(hotkey: &T::AccountId, netuid: NetUid, hash: [u8; 32]) -> DispatchResult {
		let (uid, pending, reveal_epoch) = Self::check_commit(hotkey, netuid, hash)?;
		Commits::<T>::insert(netuid, uid, pending);
		Self::deposit_event(Event::WeightsCommitted { netuid, uid, commit_hash: hash, reveal_epoch });
		Ok(())
	}

	/// What `reveal_weights` checks, without writing: the uid, its checked
	/// row, and its queue without the matched commit.
	pub(crate) fn check_reveal(
		hotkey: &T::AccountId,
		netuid: NetUid,
		uids: &[Uid],
		values: &[u16],
		salt: &[u8],
		version_key: u64,
	) -> Result<(Uid, Row, Queue<T>), DispatchError> {
		let hp = T::Registry::hyperparams(netuid).ok_or(Error::<T>::SubnetNotFound)?;
		ensure!(hp.commit_reveal_enabled, Error::<T>::CommitRevealDisabled);
		ensure!(salt.len() <= MAX_SALT_LEN, Error::<T>::SaltTooLong);
		// Refused before hashing: hashing grows with the row.
		ensure!(
			uids.len() <= crate::MAX_ROW_LEN as usize && values.len() <= crate::MAX_ROW_LEN as usize,
			Error::<T>::TooManyWeights
		);
		let uid = T::Registry::uid_of(netuid, hotkey).ok_or(Error::<T>::NotRegistered)?;
		// Refused before hashing if no row could be set now anyway.
		Self::ensure_may_set_now(hotkey, netuid, uid, &hp, version_key)?;
		let hash = Self::commit_hash(hotkey, netuid, uids, values, salt, version_key);
		let mut pending = Commits::<T>::get(netuid, uid).unwrap_or_default();
		let current = epoch_index(netuid, hp.tempo, Self::now());
		// The oldest live commit to this row; an expired one only if no
		// live one matches (the same row and salt committed twice).
		let at = pending
			.iter()
			.position(|c| c.hash == hash && c.reveal_epoch >= current)
			.or_else(|| pending.iter().position(|c| c.hash == hash))
			.ok_or(Error::<T>::NoMatchingCommit)?;
		let reveal_epoch = pending.get(at).map_or(0, |c| c.reveal_epoch);
		ensure!(current >= reveal_epoch, Error::<T>::RevealTooEarly);
		ensure!(current == reveal_epoch, Error::<T>::RevealTooLate);
		// Registered, rate limit, version key and stake passed above.
		let row = Self::check_row(netuid, uid, &hp, uids, values)?;
		pending.remove(at);
		Ok((uid, row, pending))
	}

	pub(crate) fn do_reveal(
		hotkey: &T::AccountId,
		netuid: NetUid,
		uids: Vec<Uid>,
		values: Vec<u16>,
		salt: Vec<u8>,
		version_key: u64,
	) -> DispatchResult {
		let (uid, row, pending) = Self::check_reveal(hotkey, netuid, &uids, &values, &salt, version_key)?;
		Self::store_row(netuid, uid, row);
		if pending.is_empty() {
			Commits::<T>::remove(netuid, uid);
		} else {
			Commits::<T>::insert(netuid, uid, pending);
		}
		Ok(())
	}
}
