//! Storage migrations of pallet-governance.
//!
//! Each storage version after 0 has a module `vN` whose migration is a
//! [`VersionedMigration`] from N-1 to N: it runs once, when the on-chain
//! version is N-1, and then writes N; on any other version it does nothing.
//! The runtime lists the migrations of the release in its `Migrations`.
//! Under `try-runtime`, `pre_upgrade` records what must survive and
//! `post_upgrade` checks it; both are thin wrappers of functions that are
//! always compiled ([`v1::pre_check`], [`v1::post_check`]), so that the
//! pallet's ordinary tests exercise them too.

use crate::pallet::{Config, LastUpgrade, Pallet};
use frame_support::{
	migrations::VersionedMigration,
	pallet_prelude::*,
	traits::UncheckedOnRuntimeUpgrade,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{One, Saturating};

/// Version 1: [`LastUpgrade`], the chain's totals as the runtime that brought
/// version 1 found them.
///
/// Nothing is converted: the migration records the totals an upgrade must
/// not change (subnets, stake, issuance), so that anyone can compare them
/// with the state before the upgrade. Today's runtime lists it only when
/// built with its `upgrade-test` feature (the test upgrade, spec_version one
/// above the released runtime's); the next release lists it for good.
pub mod v1 {
	use super::*;

	/// What the runtime hands the migration: the totals an upgrade must leave
	/// as they were.
	#[derive(
		Clone, Copy, PartialEq, Eq, Debug, Default, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
	)]
	pub struct ChainTotals {
		/// Subnets registered, root included.
		pub subnets: u32,
		/// All TAO staked, in rao.
		pub total_stake: u128,
		/// All TAO in existence, in rao.
		pub total_issuance: u128,
	}

	/// The record [`LastUpgrade`] holds.
	#[derive(
		Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
	)]
	pub struct UpgradeRecord<BlockNumber> {
		/// The first block of the new runtime, whose initialization ran the
		/// migration.
		pub block: BlockNumber,
		/// The totals the new runtime read before any other hook ran.
		pub totals: ChainTotals,
	}

	/// Why a v1 check failed.
	#[derive(Clone, Copy, PartialEq, Eq, Debug)]
	pub enum CheckError {
		/// The on-chain version was not 0 before the migration.
		NotVersionZero,
		/// [`LastUpgrade`] was already set before the migration.
		AlreadyRecorded,
		/// The migration ran but left no record.
		NoRecord,
		/// The record's totals differ from those before the upgrade.
		RecordDiffers,
		/// The totals after the upgrade differ from those before it.
		TotalsChanged,
		/// The on-chain version is not 1 after the migration.
		NotVersionOne,
	}

	impl From<CheckError> for sp_runtime::TryRuntimeError {
		fn from(e: CheckError) -> Self {
			sp_runtime::TryRuntimeError::Other(match e {
				CheckError::NotVersionZero => "governance v1: on-chain version is not 0 before the upgrade",
				CheckError::AlreadyRecorded => "governance v1: LastUpgrade is set before the upgrade",
				CheckError::NoRecord => "governance v1: LastUpgrade is empty after the upgrade",
				CheckError::RecordDiffers => "governance v1: LastUpgrade differs from the totals before the upgrade",
				CheckError::TotalsChanged => "governance v1: the totals changed across the upgrade",
				CheckError::NotVersionOne => "governance v1: on-chain version is not 1 after the upgrade",
			})
		}
	}

	/// Before the upgrade: the on-chain version is 0, nothing is recorded,
	/// and these are the totals the upgrade must keep.
	pub fn pre_check<T: Config, Totals: Get<ChainTotals>>() -> Result<ChainTotals, CheckError> {
		ensure!(Pallet::<T>::on_chain_storage_version() == 0, CheckError::NotVersionZero);
		ensure!(LastUpgrade::<T>::get().is_none(), CheckError::AlreadyRecorded);
		Ok(Totals::get())
	}

	/// After the upgrade: version 1, a record of exactly the totals before,
	/// and the same totals still.
	pub fn post_check<T: Config, Totals: Get<ChainTotals>>(before: ChainTotals) -> Result<(), CheckError> {
		let record = LastUpgrade::<T>::get().ok_or(CheckError::NoRecord)?;
		ensure!(record.totals == before, CheckError::RecordDiffers);
		ensure!(Totals::get() == before, CheckError::TotalsChanged);
		ensure!(Pallet::<T>::on_chain_storage_version() == 1, CheckError::NotVersionOne);
		Ok(())
	}

	/// The migration without its version check; [`RecordUpgrade`] wraps it.
	pub struct UncheckedRecordUpgrade<T, Totals>(core::marker::PhantomData<(T, Totals)>);

	impl<T: Config, Totals: Get<ChainTotals>> UncheckedOnRuntimeUpgrade for UncheckedRecordUpgrade<T, Totals> {
		fn on_runtime_upgrade() -> Weight {
			// frame-executive runs migrations before it sets the new block's
			// number: the number here is still the last block of the old runtime.
			let block = frame_system::Pallet::<T>::block_number().saturating_add(One::one());
			LastUpgrade::<T>::put(UpgradeRecord::<BlockNumberFor<T>> { block, totals: Totals::get() });
			// The block number, the three totals, and the record.
			T::DbWeight::get().reads_writes(4, 1)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			Ok(pre_check::<T, Totals>()?.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = ChainTotals::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("governance v1: undecodable pre-upgrade state"))?;
			Ok(post_check::<T, Totals>(before)?)
		}
	}

	/// Version 0 → 1 of pallet-governance: records [`LastUpgrade`].
	pub type RecordUpgrade<T, Totals> = VersionedMigration<
		0,
		1,
		UncheckedRecordUpgrade<T, Totals>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
