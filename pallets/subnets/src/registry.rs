//! What other pallets may read (and the one thing they may write), through
//! [`yuma_primitives::SubnetRegistry`].

use alloc::vec::Vec;
use frame_support::{traits::Get, BoundedVec};
use yuma_primitives::{SubnetHyperparams, SubnetRegistry};

use crate::{pallet::*, NetUid, Uid};

impl<T: Config> SubnetRegistry<T::AccountId> for Pallet<T> {
	fn exists(netuid: NetUid) -> bool {
		Hyperparams::<T>::contains_key(netuid)
	}

	fn netuids() -> Vec<NetUid> {
		let mut all: Vec<NetUid> = Hyperparams::<T>::iter_keys().collect();
		all.sort_unstable();
		all
	}

	fn hyperparams(netuid: NetUid) -> Option<SubnetHyperparams> {
		Hyperparams::<T>::get(netuid)
	}

	fn owner(netuid: NetUid) -> Option<T::AccountId> {
		Networks::<T>::get(netuid).map(|n| n.owner)
	}

	fn neuron_count(netuid: NetUid) -> u16 {
		SubnetN::<T>::get(netuid)
	}

	fn uid_of(netuid: NetUid, hotkey: &T::AccountId) -> Option<Uid> {
		Uids::<T>::get(netuid, hotkey)
	}

	fn hotkey_of(netuid: NetUid, uid: Uid) -> Option<T::AccountId> {
		Keys::<T>::get(netuid, uid)
	}

	fn registered_at(netuid: NetUid) -> Vec<u64> {
		RegisteredAt::<T>::get(netuid).into_inner()
	}

	fn network_registered_at(netuid: NetUid) -> u64 {
		Networks::<T>::get(netuid).map_or(0, |n| n.registered_at)
	}

	fn hotkeys(netuid: NetUid) -> Vec<T::AccountId> {
		SubnetHotkeys::<T>::get(netuid).into_inner()
	}

	fn hotkey_owner(hotkey: &T::AccountId) -> Option<T::AccountId> {
		HotkeyOwner::<T>::get(hotkey)
	}

	fn note_epoch(netuid: NetUid, emission_by_uid: &[u64]) {
		if !Hyperparams::<T>::contains_key(netuid) {
			return;
		}
		let n = usize::from(SubnetN::<T>::get(netuid));
		// One score per uid: missing entries count 0, extra ones are ignored.
		let scores: Vec<u64> = (0..n).map(|uid| emission_by_uid.get(uid).copied().unwrap_or(0)).collect();
		let total = emission_by_uid.iter().fold(0u64, |acc, x| acc.saturating_add(*x));
		if let Ok(scores) = BoundedVec::try_from(scores) {
			PruningScores::<T>::insert(netuid, scores);
		}
		SubnetEmission::<T>::insert(netuid, total);
	}
}

impl<T: Config> yuma_primitives::HotkeySwap<T::AccountId> for Pallet<T> {
	fn swap_hotkey(old: &T::AccountId, new: &T::AccountId) -> u32 {
		let mut looked = 0u32;
		for netuid in Hyperparams::<T>::iter_keys() {
			looked = looked.saturating_add(1);
			let Some(uid) = Uids::<T>::take(netuid, old) else { continue };
			Uids::<T>::insert(netuid, new, uid);
			Keys::<T>::insert(netuid, uid, new.clone());
			SubnetHotkeys::<T>::mutate(netuid, |keys| {
				if let Some(slot) = keys.get_mut(usize::from(uid)) {
					*slot = new.clone();
				}
			});
			if let Some(axon) = Axons::<T>::take(netuid, old) {
				Axons::<T>::insert(netuid, new, axon);
			}
			if let Some(p) = Prometheus::<T>::take(netuid, old) {
				Prometheus::<T>::insert(netuid, new, p);
			}
			if let Some(c) = Commitments::<T>::take(netuid, old) {
				Commitments::<T>::insert(netuid, new, c);
			}
		}
		if let Some(owner) = HotkeyOwner::<T>::take(old) {
			HotkeyOwner::<T>::insert(new, owner);
		}
		looked
	}

	fn max_subnets() -> u32 {
		// Live subnets, root included.
		T::SubnetLimit::get().into()
	}
}
