//! `try_state`: the invariants listed in the crate docs.

use alloc::collections::btree_map::BTreeMap;
use frame_support::traits::{fungible::InspectHold, Get};
use sp_runtime::TryRuntimeError;

use crate::{pallet::*, Uid, ROOT_NETUID};

impl<T: Config> Pallet<T> {
	/// Checks every invariant; the first broken one is the error.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let live = Hyperparams::<T>::iter().count();
		frame_support::ensure!(
			usize::from(SubnetCount::<T>::get()) == live,
			"SubnetCount differs from the number of live subnets"
		);
		frame_support::ensure!(
			SubnetCount::<T>::get() <= T::SubnetLimit::get(),
			"more live subnets than SubnetLimit"
		);
		frame_support::ensure!(Hyperparams::<T>::contains_key(ROOT_NETUID), "the root subnet is missing");

		for (netuid, hp) in Hyperparams::<T>::iter() {
			frame_support::ensure!(!Dissolving::<T>::contains_key(netuid), "a live subnet is dissolving");
			frame_support::ensure!(
				netuid == ROOT_NETUID || Networks::<T>::contains_key(netuid),
				"a live subnet has no owner record"
			);
			let n = SubnetN::<T>::get(netuid);
			frame_support::ensure!(n <= hp.max_allowed_uids, "n exceeds max_allowed_uids");
			frame_support::ensure!(
				RegisteredAt::<T>::get(netuid).len() == usize::from(n),
				"registration blocks are not one per uid"
			);
			frame_support::ensure!(
				PruningScores::<T>::get(netuid).len() == usize::from(n),
				"pruning scores are not one per uid"
			);
			let mut keys = 0usize;
			for (uid, hotkey) in Keys::<T>::iter_prefix(netuid) {
				keys = keys.saturating_add(1);
				frame_support::ensure!(uid < n, "a hotkey holds a uid >= n");
				frame_support::ensure!(
					Uids::<T>::get(netuid, &hotkey) == Some(uid),
					"a uid's hotkey does not map back to it"
				);
				frame_support::ensure!(
					HotkeyOwner::<T>::contains_key(&hotkey),
					"a registered hotkey has no owner"
				);
			}
			frame_support::ensure!(keys == usize::from(n), "uids are not contiguous 0..n");
			let listed = SubnetHotkeys::<T>::get(netuid);
			frame_support::ensure!(
				listed.len() == usize::from(n) &&
					listed.iter().enumerate().all(|(k, h)| {
						Uid::try_from(k).ok().and_then(|uid| Keys::<T>::get(netuid, uid)).as_ref() == Some(h)
					}),
				"the subnet's hotkey list differs from its uids' hotkeys"
			);
			frame_support::ensure!(
				Uids::<T>::iter_prefix(netuid).count() == usize::from(n),
				"a hotkey holds more than one uid"
			);
		}

		let mut locks: BTreeMap<T::AccountId, Balance> = BTreeMap::new();
		for (_, info) in Networks::<T>::iter() {
			let total = locks.entry(info.owner).or_default();
			*total = total.saturating_add(info.lock);
		}
		for (owner, total) in locks {
			frame_support::ensure!(
				T::Currency::balance_on_hold(&HoldReason::NetworkLock.into(), &owner) == total,
				"an owner's network-lock hold differs from its subnets' locks"
			);
		}
		Ok(())
	}
}
