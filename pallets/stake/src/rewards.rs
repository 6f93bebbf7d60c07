//! Epoch rewards, minted into stake (for pallet-emission).

use alloc::vec::Vec;
use yuma_primitives::{split_pro_rata, StakeRewards};

use crate::pallet::*;

impl<T: Config> Pallet<T> {
	/// Mints `amount` into `coldkey`'s position on `hotkey`. Minting only
	/// fails for an amount below the existential deposit on an account that
	/// does not exist; then nothing is credited.
	fn credit(hotkey: &T::AccountId, coldkey: &T::AccountId, amount: u64) -> u64 {
		if amount == 0 {
			return 0;
		}
		frame_support::storage::with_transaction(|| {
			// Minting may succeed and holding fail: then both are undone.
			match Self::mint_stake(coldkey, amount) {
				Ok(()) => {
					Self::credit_position(hotkey, coldkey, amount);
					sp_runtime::TransactionOutcome::Commit(Ok(amount))
				},
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

	fn positions(hotkey: &T::AccountId) -> u32 {
		StakerCount::<T>::get(hotkey)
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
