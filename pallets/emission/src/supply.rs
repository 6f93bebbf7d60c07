//! Block emission, halvings and the cap, and promising emission to subnets.

use alloc::vec::Vec;
use frame_support::traits::{fungible::Inspect, Get};
use yuma_primitives::{split_pro_rata, NetUid, StakeRewards, SubnetRegistry, ROOT_NETUID};

use crate::pallet::*;

impl<T: Config> Pallet<T> {
	/// The emission of a block when `issued` rao exist, are owed or are promised: the
	/// base emission halved once per threshold crossed (the k-th threshold is
	/// `cap - cap / 2^k`), never more than what is left under the cap.
	pub fn block_emission(issued: Balance) -> Balance {
		let cap = T::SupplyCap::get();
		let left = cap.saturating_sub(issued);
		if left == 0 {
			return 0;
		}
		// Halvings: the k with cap / 2^(k+1) < left <= cap / 2^k.
		let mut halvings = 0u32;
		while halvings < 64 && u128::from(left).saturating_mul(2u128 << halvings) <= u128::from(cap) {
			halvings = halvings.saturating_add(1);
		}
		T::BlockEmission::get().checked_shr(halvings).unwrap_or(0).min(left)
	}

	/// The live subnets (root excluded) and their weights in the split of
	/// block emission: the last root epoch's shares, or all equal.
	pub(crate) fn shares() -> (Vec<NetUid>, Vec<u64>) {
		let subnets: Vec<NetUid> =
			T::Registry::netuids().into_iter().filter(|n| *n != ROOT_NETUID).collect();
		let mut shares: Vec<u64> = subnets.iter().map(|n| SubnetShare::<T>::get(n).unwrap_or(0)).collect();
		if shares.iter().all(|s| *s == 0) {
			shares = alloc::vec![1; subnets.len()];
		}
		(subnets, shares)
	}

	/// What the next block promises each live subnet: `(netuid, share,
	/// rao)`, the rao split exactly by the shares of [`Self::shares`].
	pub fn next_block_emission() -> Vec<(NetUid, u64, Balance)> {
		let (subnets, shares) = Self::shares();
		// Rewards owed by stake are as good as issued: they will be minted.
		let issued = T::Currency::total_issuance()
			.saturating_add(TotalPending::<T>::get())
			.saturating_add(T::Stake::ledger().owed);
		let parts = split_pro_rata(Self::block_emission(issued), &shares);
		subnets.into_iter().zip(shares).zip(parts).map(|((netuid, share), part)| (netuid, share, part)).collect()
	}

	/// Promises this block's emission to the live subnets (weighed with
	/// the rest of the block's own work, `WeightInfo::block`).
	pub(crate) fn accrue() {
		let parts = Self::next_block_emission();
		if parts.is_empty() {
			return;
		}
		let mut amount: Balance = 0;
		for (netuid, _, part) in &parts {
			PendingEmission::<T>::mutate(netuid, |p| *p = p.saturating_add(*part));
			amount = amount.saturating_add(*part);
		}
		TotalPending::<T>::mutate(|t| *t = t.saturating_add(amount));
		TotalPromised::<T>::mutate(|t| *t = t.saturating_add(amount));
	}
}
