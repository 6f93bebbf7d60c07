//! `try_state`: supply and pending emission.
//!
//! Invariants:
//! - total issuance equals the sum of every account's balance (free and held);
//! - total issuance plus the pending emission never exceeds the cap;
//! - the pending emission of the subnets sums to `TotalPending`.

use frame_support::traits::{fungible::Inspect, Get};
use sp_runtime::TryRuntimeError;

use crate::pallet::*;

impl<T: Config> Pallet<T> {
	/// Checks every invariant; the first broken one is the error.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let pending = PendingEmission::<T>::iter_values().fold(0u64, |a, p| a.saturating_add(p));
		frame_support::ensure!(pending == TotalPending::<T>::get(), "pending emission does not sum to its total");
		let issuance = T::Currency::total_issuance();
		frame_support::ensure!(
			issuance.saturating_add(pending) <= T::SupplyCap::get(),
			"issuance and pending emission exceed the cap"
		);
		let balances = frame_system::Account::<T>::iter_keys()
			.fold(0u128, |a, who| a.saturating_add(u128::from(T::Currency::total_balance(&who))));
		frame_support::ensure!(balances == u128::from(issuance), "total issuance differs from the sum of balances");
		Ok(())
	}
}
