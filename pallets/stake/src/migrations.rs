//! Storage migrations of pallet-stake.
//!
//! **Version 0**: share pools and positions (`Pools`, `Stake`, `Positions`,
//! `PositionCount`), the totals and the reward ledger (`TotalStake`,
//! `TotalOwed`, `TotalRewardsMinted`, `TotalForfeited`), takes (`Takes`,
//! `LastTakeChange`) and the root epochs' stake snapshots
//! (`EpochStakeSnapshot`, `RootEpochAt`).
//!
//! **Version 1** (spec 110, what genesis writes now): the same storage, and
//! unstaked TAO under a vote's lock held as `VoteLocked` ([`v1`]).
//!
//! How a release changes it: a module `vN` here holds a
//! `VersionedMigration<N-1, N, ..>` (it runs only on version N-1, then writes N)
//! with `pre_upgrade`/`post_upgrade` checks of the conversion, compiled
//! outside try-runtime too so that the pallet's tests run them;
//! `STORAGE_VERSION` becomes N; the runtime lists the migration in its
//! `Migrations`. pallet-governance's `migrations::v1` is the worked example.
//!
//! A release that does not migrate this pallet names it in the runtime's
//! [`Untouched`] check instead: try-runtime then reads every key and value of
//! the pallet before the release's migrations and after them, and fails the
//! upgrade if a byte changed.

/// Version 1: unstaked TAO a vote still locks is held (`VoteLocked`).
///
/// Before spec 110 it stayed free under the lock, where another hold could
/// stand in for the lock and let it go. [`v1::SettleVoteLocks`] settles every
/// account with a balances lock once, as every later change of its stake or
/// lock does (`Pallet::settle_vote_lock`). It walks those accounts in one
/// block: fine for the voters of a test network; a chain with many thousands
/// would need a multi-block migration.
pub mod v1 {
	use alloc::vec::Vec;
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};

	use crate::pallet::*;

	/// The migration without its version check.
	pub struct UncheckedSettleVoteLocks<T, Accounts>(core::marker::PhantomData<(T, Accounts)>);

	impl<T: Config, Accounts: Get<Vec<T::AccountId>>> UncheckedOnRuntimeUpgrade for UncheckedSettleVoteLocks<T, Accounts> {
		fn on_runtime_upgrade() -> Weight {
			let accounts = Accounts::get();
			let n = u64::try_from(accounts.len()).unwrap_or(u64::MAX);
			for who in &accounts {
				// Never fails for want of funds (it holds what is there).
				let _ = Pallet::<T>::settle_vote_lock(who);
			}
			// The list; per account its balances, its two holds; a hold written.
			T::DbWeight::get().reads_writes(n.saturating_mul(3).saturating_add(1), n)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			post_check::<T, Accounts>().map_err(sp_runtime::TryRuntimeError::Other)
		}
	}

	/// After the migration: no account holds more as `VoteLocked` than its
	/// lock leaves uncovered by its stake, and one holding less has nothing
	/// free left to hold.
	pub fn post_check<T: Config, Accounts: Get<Vec<T::AccountId>>>() -> Result<(), &'static str> {
		use frame_support::traits::{
			fungible::Inspect,
			tokens::{Fortitude, Preservation},
		};
		for who in Accounts::get() {
			let want = Pallet::<T>::vote_lock_target(&who);
			let held = Pallet::<T>::vote_locked(&who);
			frame_support::ensure!(held <= want, "stake v1: more held as VoteLocked than the lock needs");
			let room = T::Currency::reducible_balance(&who, Preservation::Protect, Fortitude::Force);
			frame_support::ensure!(held == want || room == 0, "stake v1: vote-locked TAO left free");
		}
		Ok(())
	}

	/// Version 0 → 1 of pallet-stake: settles every account in `Accounts`
	/// (the runtime: those with a balances lock).
	pub type SettleVoteLocks<T, Accounts> = VersionedMigration<
		0,
		1,
		UncheckedSettleVoteLocks<T, Accounts>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// The check for a release that leaves this pallet alone: `Inner` (the
/// release's migrations) must not change its storage.
pub type Untouched<T, Inner = ()> = yuma_primitives::upgrade::Untouched<crate::Pallet<T>, Inner>;
