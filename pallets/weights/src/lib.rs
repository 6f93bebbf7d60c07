//! # pallet-weights
//!
//! Validators' weights: the one input of consensus that validators control.
//!
//! - [`Pallet::set_weights`]: a registered hotkey sets its row of weights on a
//!   subnet, checked by [`Pallet::check_weights`] (lengths, duplicates, range,
//!   minimum count, maximum weight, version key, rate limit, permit or stake),
//!   stored max-upscaled (largest entry 65535) as a sparse `u16` row, with
//!   the block in `LastUpdate`.
//! - Weight calls are free (`Pays::No`); [`CheckWeights`], a transaction
//!   extension, refuses the ones that would fail before they enter the
//!   pool or a block, with `InvalidTransaction::Custom(error index)`.
//! - Commit-reveal (on by default, so that copying others' weights does not
//!   pay): [`Pallet::commit_weights`] stores a hash, [`Pallet::reveal_weights`]
//!   in the epoch `commit_reveal_period` epochs later applies the same checks.
//!   Commits not revealed in that epoch expire; at most
//!   [`Config::MaxPendingCommits`] per uid.
//! - Root weights: on netuid 0 the entries are netuids (live subnets) instead
//!   of uids.
//! - [`Pallet::batch_set_weights`] and [`Pallet::batch_reveal_weights`]: each
//!   item succeeds or fails on its own, with its own event.
//! - Rows, update blocks and commits of a replaced uid or a dissolved subnet go
//!   through [`yuma_primitives::SubnetHooks`]; pallet-emission reads weights
//!   through [`yuma_primitives::WeightsSource`].
//!
//! Epochs of subnet `netuid` (tempo `t`) run at the blocks `b` with
//! `(b + netuid + 1) % (t + 1) == 0`; block `b` is in epoch
//! `(b + netuid + 1) / (t + 1)`, which starts at an epoch block. A commit made
//! in epoch `k` may be revealed in epoch `k + commit_reveal_period` only.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod checks;
mod commit_reveal;
mod extension;
mod hooks;
pub mod migrations;
pub mod weights;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use checks::epoch_index;
pub use extension::{refusal, CheckWeights};
pub use pallet::*;
pub use weights::WeightInfo;

/// The most entries a row may have (the bound of `max_allowed_uids`).
pub const MAX_ROW_LEN: u32 = 4096;

/// Most items in one batch call.
pub const MAX_BATCH: u32 = 16;

/// Longest salt of a commitment, in bytes.
pub const MAX_SALT_LEN: usize = 64;

// FRAME's generated code uses `expect` (on values it constructs); the
// pallet's own logic lives in the other modules, under the full lint set.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use yuma_primitives::{NetUid, PermitInfo, StakeInfo, SubnetRegistry, Uid};

	/// A stored row: `(uid, weight)` sorted by uid, largest weight 65535.
	pub type Row = BoundedVec<(Uid, u16), ConstU32<MAX_ROW_LEN>>;

	/// One batch item of `batch_set_weights`: netuid, uids, values, version key.
	pub type SetItem = (NetUid, Vec<Uid>, Vec<u16>, u64);

	/// One batch item of `batch_reveal_weights`: netuid, uids, values, salt, version key.
	pub type RevealItem = (NetUid, Vec<Uid>, Vec<u16>, Vec<u8>, u64);

	/// The layout version of this pallet's storage: bumped, with a
	/// migration, by every change of it.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// Subnets, their hyperparameters and who holds which uid (pallet-subnets).
		type Registry: SubnetRegistry<Self::AccountId>;

		/// Stake behind a hotkey (pallet-stake), for `validator_min_stake`.
		type StakeInfo: StakeInfo<Self::AccountId>;

		/// Validator permits of the last epoch (pallet-emission).
		type Permits: PermitInfo;

		/// Most commits a uid may have waiting on one subnet.
		#[pallet::constant]
		type MaxPendingCommits: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Each uid's weights row (absent: none set).
	#[pallet::storage]
	pub type Weights<T: Config> = StorageDoubleMap<_, Identity, NetUid, Identity, Uid, Row, OptionQuery>;

	/// The block at which each uid last set weights (absent: never).
	#[pallet::storage]
	pub type LastUpdate<T: Config> = StorageDoubleMap<_, Identity, NetUid, Identity, Uid, u64, OptionQuery>;

	/// Commits waiting for their reveal, per uid.
	#[pallet::storage]
	pub type Commits<T: Config> = StorageDoubleMap<
		_,
		Identity,
		NetUid,
		Identity,
		Uid,
		BoundedVec<Commit, T::MaxPendingCommits>,
		OptionQuery,
	>;

	/// A commitment to a row, revealable in one epoch.
	#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen)]
	pub struct Commit {
		/// blake2-256 of SCALE(hotkey, netuid, uids, values, salt, version_key).
		pub hash: [u8; 32],
		/// The epoch in which it may be revealed.
		pub reveal_epoch: u64,
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A uid's weights were stored.
		WeightsSet {
			/// The subnet.
			netuid: NetUid,
			/// The validator's uid.
			uid: Uid,
			/// Non-zero entries stored.
			count: u32,
		},
		/// A commitment to weights was stored.
		WeightsCommitted {
			/// The subnet.
			netuid: NetUid,
			/// The validator's uid.
			uid: Uid,
			/// The hash.
			commit_hash: [u8; 32],
			/// The epoch in which it may be revealed.
			reveal_epoch: u64,
		},
		/// A batch item failed; the other items are unaffected.
		BatchItemFailed {
			/// The item's subnet.
			netuid: NetUid,
			/// Why.
			error: DispatchError,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No live subnet has this netuid.
		SubnetNotFound,
		/// The caller holds no uid in this subnet.
		NotRegistered,
		/// `uids` and `values` differ in length.
		LengthMismatch,
		/// A uid appears twice.
		DuplicateUids,
		/// A uid is not below the subnet's `n` (on root: a netuid that is not a live subnet).
		UidOutOfRange,
		/// Fewer non-zero weights than `min_allowed_weights` (and not a single self-weight).
		TooFewWeights,
		/// After normalization an entry exceeds `max_weight_limit`.
		MaxWeightExceeded,
		/// `version_key` is below the subnet's `weights_version_key`.
		IncorrectVersionKey,
		/// Weights were set less than `weights_rate_limit` blocks ago (or
		/// in this block), or a batch names a subnet twice.
		RateLimited,
		/// Commit-reveal is on: commit, then reveal.
		CommitRevealEnabled,
		/// Commit-reveal is off: set weights directly.
		CommitRevealDisabled,
		/// Without a validator permit, setting (or committing) weights needs `validator_min_stake`.
		NotEnoughStakeWithoutPermit,
		/// Already `MaxPendingCommits` commits wait for their reveal.
		TooManyPendingCommits,
		/// No pending commit matches this reveal (wrong data, wrong salt, or already revealed).
		NoMatchingCommit,
		/// The commit's reveal epoch has not come yet.
		RevealTooEarly,
		/// The commit's reveal epoch is over; it expired.
		RevealTooLate,
		/// A salt holds at most 64 bytes.
		SaltTooLong,
		/// A batch holds 1 to 16 items.
		BadBatchSize,
		/// More uids than the subnet has columns (on root: subnets), or than
		/// a row holds (4,096).
		TooManyWeights,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			// A validator committing every epoch of the longest period an
			// owner may set holds `period + 1` commits at once.
			assert!(
				T::MaxPendingCommits::get() > u32::from(yuma_primitives::MAX_OWNER_COMMIT_REVEAL_PERIOD),
				"MaxPendingCommits must exceed MAX_OWNER_COMMIT_REVEAL_PERIOD",
			);
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Sets the caller's (a registered hotkey's) weights on `netuid`:
		/// `values[k]` on `uids[k]` (on root: on netuid `uids[k]`).
		#[pallet::call_index(0)]
		#[pallet::weight((Pallet::<T>::set_weight(*netuid, uids.len()), DispatchClass::Normal, Pays::No))]
		pub fn set_weights(
			origin: OriginFor<T>,
			netuid: NetUid,
			uids: Vec<Uid>,
			values: Vec<u16>,
			version_key: u64,
		) -> DispatchResult {
			let hotkey = ensure_signed(origin)?;
			Self::do_set_weights(&hotkey, netuid, uids, values, version_key)
		}

		/// Commits to weights: `hash` is blake2-256 of the SCALE encoding of
		/// `(hotkey, netuid, uids, values, salt, version_key)`.
		#[pallet::call_index(1)]
		#[pallet::weight((T::WeightInfo::commit_weights(), DispatchClass::Normal, Pays::No))]
		pub fn commit_weights(origin: OriginFor<T>, netuid: NetUid, hash: [u8; 32]) -> DispatchResult {
			let hotkey = ensure_signed(origin)?;
			Self::do_commit(&hotkey, netuid, hash)
		}

		/// Reveals committed weights; they are checked as by `set_weights`.
		#[pallet::call_index(2)]
		#[pallet::weight((Pallet::<T>::reveal_weight(*netuid, uids.len().max(values.len())), DispatchClass::Normal, Pays::No))]
		pub fn reveal_weights(
			origin: OriginFor<T>,
			netuid: NetUid,
			uids: Vec<Uid>,
			values: Vec<u16>,
			salt: Vec<u8>,
			version_key: u64,
		) -> DispatchResult {
			let hotkey = ensure_signed(origin)?;
			Self::do_reveal(&hotkey, netuid, uids, values, salt, version_key)
		}

		/// `set_weights` on several subnets; each item succeeds
		/// (`WeightsSet`) or fails (`BatchItemFailed`) on its own. Declared
		/// as if every item were a full row; refunded to the rows it had.
		#[pallet::call_index(3)]
		#[pallet::weight((Pallet::<T>::batch_weight(items.iter().map(|item| item.0), T::WeightInfo::batch_set_weights, Pallet::<T>::set_weight), DispatchClass::Normal, Pays::No))]
		pub fn batch_set_weights(origin: OriginFor<T>, items: Vec<SetItem>) -> DispatchResultWithPostInfo {
			let hotkey = ensure_signed(origin)?;
			Self::ensure_batch_size(items.len())?;
			let mut used = T::WeightInfo::batch_set_weights(len_u32(items.len()));
			for (netuid, uids, values, version_key) in items {
				used.saturating_accrue(Self::set_weight(netuid, uids.len()));
				let result = frame_support::storage::with_storage_layer(|| {
					Self::do_set_weights(&hotkey, netuid, uids, values, version_key)
				});
				if let Err(error) = result {
					Self::deposit_event(Event::BatchItemFailed { netuid, error });
				}
			}
			Ok(Some(used).into())
		}

		/// `reveal_weights` on several subnets; each item succeeds or fails
		/// on its own. Declared and refunded as `batch_set_weights`.
		#[pallet::call_index(4)]
		#[pallet::weight((Pallet::<T>::batch_weight(items.iter().map(|item| item.0), T::WeightInfo::batch_reveal_weights, Pallet::<T>::reveal_weight), DispatchClass::Normal, Pays::No))]
		pub fn batch_reveal_weights(origin: OriginFor<T>, items: Vec<RevealItem>) -> DispatchResultWithPostInfo {
			let hotkey = ensure_signed(origin)?;
			Self::ensure_batch_size(items.len())?;
			let mut used = T::WeightInfo::batch_reveal_weights(len_u32(items.len()));
			for (netuid, uids, values, salt, version_key) in items {
				used.saturating_accrue(Self::reveal_weight(netuid, uids.len().max(values.len())));
				let result = frame_support::storage::with_storage_layer(|| {
					Self::do_reveal(&hotkey, netuid, uids, values, salt, version_key)
				});
				if let Err(error) = result {
					Self::deposit_event(Event::BatchItemFailed { netuid, error });
				}
			}
			Ok(Some(used).into())
		}
	}

	/// A length as the weight functions take it (saturating).
	fn len_u32(len: usize) -> u32 {
		len.try_into().unwrap_or(u32::MAX)
	}

	impl<T: Config> Pallet<T> {
		/// A batch's declared weight: what the batch adds to its items, and
		/// each item as a full row on its subnet (rows longer than
		/// `MAX_ROW_LEN` are refused before any work that grows with them).
		fn batch_weight(
			netuids: impl Iterator<Item = NetUid>,
			batch: fn(u32) -> Weight,
			item: fn(NetUid, usize) -> Weight,
		) -> Weight {
			// Bounded here too: a batch over `MAX_BATCH` is refused first thing.
			let mut count = 0u32;
			let mut items = Weight::zero();
			for netuid in netuids.take(MAX_BATCH as usize) {
				count = count.saturating_add(1);
				items.saturating_accrue(item(netuid, MAX_ROW_LEN as usize));
			}
			batch(count).saturating_add(items)
		}

		/// A batch holds 1 to `MAX_BATCH` items.
		pub(crate) fn ensure_batch_size(len: usize) -> DispatchResult {
			ensure!(len > 0 && len <= MAX_BATCH as usize, Error::<T>::BadBatchSize);
			Ok(())
		}

		/// What a row on `netuid` adds for being on root: `root()`, the
		/// benchmarked listing and reading of every subnet; nothing elsewhere.
		pub(crate) fn root_part(netuid: NetUid, root: fn() -> Weight) -> Weight {
			if netuid == yuma_primitives::ROOT_NETUID {
				root()
			} else {
				Weight::zero()
			}
		}

		/// `set_weights`' weight: its row's, and on root what listing and
		/// reading every subnet adds.
		pub fn set_weight(netuid: NetUid, len: usize) -> Weight {
			T::WeightInfo::set_weights(len_u32(len)).saturating_add(Self::root_part(netuid, T::WeightInfo::set_root_weights))
		}

		/// `reveal_weights`' weight (`len`: the longer of uids and
		/// values), likewise.
		pub fn reveal_weight(netuid: NetUid, len: usize) -> Weight {
			T::WeightInfo::reveal_weights(len_u32(len))
				.saturating_add(Self::root_part(netuid, T::WeightInfo::reveal_root_weights))
		}

		/// The current block as `u64`.
		pub(crate) fn now() -> u64 {
			use sp_runtime::SaturatedConversion;
			frame_system::Pallet::<T>::block_number().saturated_into::<u64>()
		}
	}
}
