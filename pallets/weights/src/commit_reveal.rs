//! Commit-reveal of weights.

use alloc::vec::Vec;
use codec::Encode;
use frame_support::{dispatch::DispatchResult, ensure};
use yuma_primitives::{NetUid, SubnetRegistry, Uid};

use crate::{checks::epoch_index, pallet::*, MAX_SALT_LEN};

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

	pub(crate) fn do_commit(hotkey: &T::AccountId, netuid: NetUid, hash: [u8; 32]) -> DispatchResult {
		let hp = T::Registry::hyperparams(netuid).ok_or(Error::<T>::SubnetNotFound)?;
		ensure!(hp.commit_reveal_enabled, Error::<T>::CommitRevealDisabled);
		let uid = T::Registry::uid_of(netuid, hotkey).ok_or(Error::<T>::NotRegistered)?;
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
		let pending = frame_support::BoundedVec::try_from(pending)
			.map_err(|_| Error::<T>::TooManyPendingCommits)?;
		Commits::<T>::insert(netuid, uid, pending);
		Self::deposit_event(Event::WeightsCommitted { netuid, uid, commit_hash: hash, reveal_epoch });
		Ok(())
	}

	pub(crate) fn do_reveal(
		hotkey: &T::AccountId,
		netuid: NetUid,
		uids: Vec<Uid>,
		values: Vec<u16>,
		salt: Vec<u8>,
		version_key: u64,
	) -> DispatchResult {
		let hp = T::Registry::hyperparams(netuid).ok_or(Error::<T>::SubnetNotFound)?;
		ensure!(hp.commit_reveal_enabled, Error::<T>::CommitRevealDisabled);
		ensure!(salt.len() <= MAX_SALT_LEN, Error::<T>::SaltTooLong);
		// Refused before hashing: hashing grows with the row.
		ensure!(
			uids.len() <= crate::MAX_ROW_LEN as usize && values.len() <= crate::MAX_ROW_LEN as usize,
			Error::<T>::TooManyWeights
		);
		let uid = T::Registry::uid_of(netuid, hotkey).ok_or(Error::<T>::NotRegistered)?;
		let hash = Self::commit_hash(hotkey, netuid, &uids, &values, &salt, version_key);
		let mut pending = Commits::<T>::get(netuid, uid).unwrap_or_default();
		let at = pending.iter().position(|c| c.hash == hash).ok_or(Error::<T>::NoMatchingCommit)?;
		let reveal_epoch = pending.get(at).map_or(0, |c| c.reveal_epoch);
		let current = epoch_index(netuid, hp.tempo, Self::now());
		ensure!(current >= reveal_epoch, Error::<T>::RevealTooEarly);
		ensure!(current == reveal_epoch, Error::<T>::RevealTooLate);
		Self::do_set_weights(hotkey, netuid, uids, values, version_key, true)?;
		pending.remove(at);
		if pending.is_empty() {
			Commits::<T>::remove(netuid, uid);
		} else {
			Commits::<T>::insert(netuid, uid, pending);
		}
		Ok(())
	}
}
