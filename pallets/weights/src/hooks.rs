//! What other pallets see of weights, and what they tell this one.

use alloc::vec::Vec;
use frame_support::traits::Get;
use yuma_primitives::{by_uid, NetUid, SubnetHooks, Uid, Weight, WeightsSource, ROOT_NETUID};

use crate::pallet::*;

impl<T: Config> WeightsSource for Pallet<T> {
	// Only the uids that set weights have rows: iterate those, not all `n`.
	fn weights(netuid: NetUid, n: u16) -> Vec<Vec<(Uid, u16)>> {
		by_uid(usize::from(n), Weights::<T>::iter_prefix(netuid).map(|(uid, row)| (uid, row.into_inner())))
	}

	fn rows_of(netuid: NetUid, n: u16, uids: &[Uid]) -> Vec<Vec<(Uid, u16)>> {
		by_uid(
			usize::from(n),
			uids.iter().filter(|uid| **uid < n).map(|uid| (*uid, Weights::<T>::get(netuid, uid).map(|r| r.into_inner()).unwrap_or_default())),
		)
	}

	fn last_update(netuid: NetUid, n: u16) -> Vec<u64> {
		by_uid(usize::from(n), LastUpdate::<T>::iter_prefix(netuid))
	}
}

/// A replaced uid loses its row, update block and commits; a dissolved
/// subnet loses all of them, a bounded number per call.
impl<T: Config> SubnetHooks for Pallet<T> {
	fn on_uid_replaced(netuid: NetUid, uid: Uid) -> Weight {
		Weights::<T>::remove(netuid, uid);
		LastUpdate::<T>::remove(netuid, uid);
		Commits::<T>::remove(netuid, uid);
		T::DbWeight::get().writes(3)
	}

	fn clear_subnet(netuid: NetUid, limit: u32) -> (u32, bool) {
		let mut left = limit;
		macro_rules! clear {
			($map:ty) => {{
				let uids: Vec<Uid> = <$map>::iter_key_prefix(netuid)
					.take(usize::try_from(left).unwrap_or(usize::MAX))
					.collect();
				let removed = u32::try_from(uids.len()).unwrap_or(u32::MAX);
				for uid in uids {
					<$map>::remove(netuid, uid);
				}
				let done = removed < left;
				left = left.saturating_sub(removed);
				done
			}};
		}
		let done = clear!(Weights<T>) && clear!(LastUpdate<T>) && clear!(Commits<T>) && {
			let (used, done) = Self::drop_root_votes(netuid, left);
			left = left.saturating_sub(used);
			done
		};
		(limit.saturating_sub(left), done)
	}
}

impl<T: Config> Pallet<T> {
	/// Drops the dissolved `netuid` from root members' rows (their votes
	/// for it), reading and writing at most `limit` keys: each row costs a
	/// read, and a write when it held the netuid. Returns `(used, done)`;
	/// rows already scrubbed no longer hold it, so a call that runs out of
	/// room is simply made again.
	pub(crate) fn drop_root_votes(netuid: NetUid, limit: u32) -> (u32, bool) {
		if netuid == ROOT_NETUID {
			return (0, true);
		}
		let (mut used, mut done) = (0u32, true);
		let mut scrubbed: Vec<(Uid, Vec<(Uid, u16)>)> = Vec::new();
		for (member, row) in Weights::<T>::iter_prefix(ROOT_NETUID) {
			let holds = row.iter().any(|(n, _)| *n == netuid);
			let cost = if holds { 2 } else { 1 };
			if used.saturating_add(cost) > limit {
				done = false;
				break;
			}
			used = used.saturating_add(cost);
			if holds {
				scrubbed.push((member, row.into_inner().into_iter().filter(|(n, _)| *n != netuid).collect()));
			}
		}
		// Written once the iteration is over (no map changes under it).
		for (member, kept) in scrubbed {
			if kept.is_empty() {
				Weights::<T>::remove(ROOT_NETUID, member);
			} else {
				Weights::<T>::insert(ROOT_NETUID, member, Row::truncate_from(kept));
			}
		}
		// Pending root commits go too: a commit is a hash, so which subnets
		// it names cannot be seen, and one naming the dissolved netuid would
		// be revealed for whichever subnet holds it next.
		let mut voided: Vec<Uid> = Vec::new();
		if done {
			for member in Commits::<T>::iter_key_prefix(ROOT_NETUID) {
				if used.saturating_add(1) > limit {
					done = false;
					break;
				}
				used = used.saturating_add(1);
				voided.push(member);
			}
		}
		for member in voided {
			Commits::<T>::remove(ROOT_NETUID, member);
		}
		(used, done)
	}
}
