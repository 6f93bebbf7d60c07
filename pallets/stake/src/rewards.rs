//! Epoch rewards, minted into stake (for pallet-emission).

use alloc::vec::Vec;
use yuma_primitives::StakeRewards;

use crate::{pallet::*, staking::Limits};

/// Splits `amount` over `weights` pro rata, exact to the rao: each share is
/// rounded down, then the rao left go one each to the largest remainders
/// (ties to the earlier entry). The shares sum to `amount` whenever some
/// weight is non-zero.
pub fn split_pro_rata(amount: u64, weights: &[u64]) -> Vec<u64> {
	let total: u128 = weights.iter().map(|w| u128::from(*w)).sum();
	if total == 0 {
		return alloc::vec![0; weights.len()];
	}
	let mut shares = Vec::with_capacity(weights.len());
	let mut remainders = Vec::with_capacity(weights.len());
	for (k, w) in weights.iter().enumerate() {
		let product = u128::from(amount).saturating_mul(u128::from(*w));
		let share = product.checked_div(total).unwrap_or(0);
		shares.push(u64::try_from(share).unwrap_or(u64::MAX));
		remainders.push((product.checked_rem(total).unwrap_or(0), k));
	}
	let paid = shares.iter().fold(0u64, |acc, s| acc.saturating_add(*s));
	let left = usize::try_from(amount.saturating_sub(paid)).unwrap_or(usize::MAX);
	// Largest remainder first; among equal ones, the earlier entry.
	remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
	for (_, k) in remainders.into_iter().take(left) {
		if let Some(s) = shares.get_mut(k) {
			*s = s.saturating_add(1);
		}
	}
	shares
}

impl<T: Config> Pallet<T> {
	/// Mints `amount` into `coldkey`'s position on `hotkey`. Minting only
	/// fails for an amount below the existential deposit on an account that
	/// does not exist; then nothing is credited.
	fn credit(hotkey: &T::AccountId, coldkey: &T::AccountId, amount: u64) -> u64 {
		if amount == 0 {
			return 0;
		}
		frame_support::storage::with_transaction(|| {
			let done = Self::mint_stake(coldkey, amount)
				.and_then(|_| Self::credit_position(hotkey, coldkey, amount, Limits::Waive).map(|_| ()));
			match done {
				Ok(()) => sp_runtime::TransactionOutcome::Commit(Ok(amount)),
				Err(e) => sp_runtime::TransactionOutcome::Rollback(Err(e)),
			}
		})
		.unwrap_or(0)
	}
}

impl<T: Config> StakeRewards<T::AccountId> for Pallet<T> {
	fn credit_dividends(hotkey: &T::AccountId, amount: u64) -> u64 {
		let Ok(owner) = Self::owner_of(hotkey) else { return 0 };
		if amount == 0 {
			return 0;
		}
		let take = Self::take_of(hotkey).mul_floor(amount);
		let rest = amount.saturating_sub(take);
		// Everyone staking on the hotkey, the owner included, in account order.
		let mut stakers: Vec<(T::AccountId, u64)> = Stake::<T>::iter_prefix(hotkey).collect();
		stakers.sort_by(|a, b| a.0.cmp(&b.0));
		let weights: Vec<u64> = stakers.iter().map(|(_, s)| *s).collect();
		let mut credited = 0u64;
		if weights.iter().all(|w| *w == 0) {
			credited = credited.saturating_add(Self::credit(hotkey, &owner, amount));
		} else {
			credited = credited.saturating_add(Self::credit(hotkey, &owner, take));
			for ((staker, _), share) in stakers.iter().zip(split_pro_rata(rest, &weights)) {
				credited = credited.saturating_add(Self::credit(hotkey, staker, share));
			}
		}
		Self::deposit_event(Event::DividendsCredited { hotkey: hotkey.clone(), amount: credited, take });
		credited
	}

	fn credit_incentive(hotkey: &T::AccountId, amount: u64) -> u64 {
		let Ok(owner) = Self::owner_of(hotkey) else { return 0 };
		let credited = Self::credit(hotkey, &owner, amount);
		if credited > 0 {
			Self::deposit_event(Event::IncentiveCredited { hotkey: hotkey.clone(), owner, amount: credited });
		}
		credited
	}
}
