//! `try_state`: supply and pending emission.
//!
//! Invariants:
//! - total issuance equals the sum of every account's balance (free and held);
//! - total issuance plus the pending emission plus the rewards stake owes
//!   never exceeds the cap;
//! - the pending emission of the subnets sums to `TotalPending`;
//! - rao minted so far == issuance - genesis issuance + rao burned
//!   (`TotalMinted + stake's minted rewards == issuance - GenesisIssuance +
//!   TotalBurned`);
//! - every promise is kept or recycled: `TotalPromised == TotalPending +
//!   TotalMinted + TotalCredited + TotalRecycled` (so each epoch paid out
//!   exactly what it consumed);
//! - every credited rao is minted, owed or forfeited by stake:
//!   `TotalCredited == minted + owed + forfeited` of `StakeRewards::ledger`.


use frame_support::traits::{fungible::Inspect, Get};
use sp_runtime::TryRuntimeError;
use yuma_primitives::StakeRewards;

use crate::pallet::*;

impl<T: Config> Pallet<T> {
	/// Checks every invariant; the first broken one is the error.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let pending = PendingEmission::<T>::iter_values().fold(0u64, |a, p| a.saturating_add(p));
		frame_support::ensure!(pending == TotalPending::<T>::get(), "pending emission does not sum to its total");
		let issuance = T::Currency::total_issuance();
		let ledger = T::Stake::ledger();
		frame_support::ensure!(
			u128::from(issuance).saturating_add(u128::from(pending)).saturating_add(u128::from(ledger.owed))
				<= u128::from(T::SupplyCap::get()),
			"issuance, pending emission and owed rewards exceed the cap"
		);
		let balances = frame_system::Account::<T>::iter_keys()
			.fold(0u128, |a, who| a.saturating_add(u128::from(T::Currency::total_balance(&who))));
		frame_support::ensure!(balances == u128::from(issuance), "total issuance differs from the sum of balances");
		let minted = TotalMinted::<T>::get();
		frame_support::ensure!(
			u128::from(minted)
				.saturating_add(u128::from(ledger.minted))
				.saturating_add(u128::from(GenesisIssuance::<T>::get()))
				== u128::from(issuance).saturating_add(u128::from(TotalBurned::<T>::get())),
			"minted differs from issuance - genesis issuance + burned"
		);
		let credited = TotalCredited::<T>::get();
		frame_support::ensure!(
			u128::from(TotalPromised::<T>::get())
				== u128::from(pending)
					.saturating_add(u128::from(minted))
					.saturating_add(u128::from(credited))
					.saturating_add(u128::from(TotalRecycled::<T>::get())),
			"promised emission is neither pending, minted, credited nor recycled"
		);
		frame_support::ensure!(
			u128::from(credited)
				== u128::from(ledger.minted)
					.saturating_add(u128::from(ledger.owed))
					.saturating_add(u128::from(ledger.forfeited)),
			"credited rewards are neither minted, owed nor forfeited"
		);
		Ok(())
	}
}
