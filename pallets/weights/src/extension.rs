//! [`CheckWeights`]: the `Weights` calls that would fail are refused before
//! they enter the pool or a block.
//!
//! Weight calls are free (`Pays::No`): validators set weights every tempo
//! and should not pay for it. What keeps them from being free spam is this
//! extension: a weight call is valid only if its dispatch would succeed
//! (the same checks, run without writing), so no failing weight call ever
//! gets into a block, and a valid one is bounded by the rate limit (one row
//! per uid per `weights_rate_limit` blocks, at least one block) or, for
//! commits, by `MaxPendingCommits` per uid.
//!
//! A refused call is `InvalidTransaction::Custom(i)`, `i` the index of the
//! pallet-weights error its dispatch would have returned (the metadata's
//! `Weights` error at index `i`: 8 is `RateLimited`); polkadot.js shows
//! `1010: Invalid Transaction: Custom error: 8`. Each valid call provides a
//! tag per (hotkey, netuid) (commits their own), so the pool holds at most
//! one row and one commit per uid and subnet at a time.
//!
//! The extension runs again on every extrinsic a block applies, just before
//! its dispatch, so a block author cannot include a failing weight call
//! either. Weight calls wrapped in another call (`Utility::batch`) are not
//! seen by it; they pay the wrapper's fee.

use alloc::{vec, vec::Vec};
use codec::{Decode, DecodeWithMemTracking, Encode};
use core::marker::PhantomData;
use frame_support::{
	ensure,
	pallet_prelude::{TransactionSource, Weight},
	traits::{IsSubType, OriginTrait},
	DefaultNoBound,
};
use scale_info::TypeInfo;
use sp_runtime::{
	impl_tx_ext_default,
	traits::{DispatchInfoOf, TransactionExtension, ValidateResult},
	transaction_validity::{InvalidTransaction, TransactionTag, TransactionValidityError, ValidTransaction},
	DispatchError,
};
use yuma_primitives::NetUid;

use crate::{pallet::*, WeightInfo, MAX_BATCH, MAX_ROW_LEN};

/// Refuses failing `Weights` calls in the pool and in blocks (see the
/// module's documentation). Encodes to nothing and signs nothing extra.
#[derive(Encode, Decode, DecodeWithMemTracking, DefaultNoBound, Clone, Eq, PartialEq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct CheckWeights<T>(PhantomData<T>);

impl<T> CheckWeights<T> {
	/// The extension (it has no data).
	pub fn new() -> Self {
		Self(PhantomData)
	}
}

impl<T> core::fmt::Debug for CheckWeights<T> {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "CheckWeights")
	}
}

/// The pool's error for a call whose dispatch would fail with `error`:
/// `Custom(index of the pallet-weights error)`.
pub fn refusal(error: DispatchError) -> TransactionValidityError {
	match error {
		DispatchError::Module(module) => {
			let [code, ..] = module.error;
			InvalidTransaction::Custom(code).into()
		},
		DispatchError::BadOrigin => InvalidTransaction::BadSigner.into(),
		_ => InvalidTransaction::Call.into(),
	}
}

/// A row and a reveal write the same `LastUpdate` and share a tag; commits
/// have their own.
fn tag<T: Config>(hotkey: &T::AccountId, netuid: NetUid, commit: bool) -> TransactionTag {
	(b"yuma/weights", hotkey, netuid, commit).encode()
}

/// A weight function's length argument: rows over `MAX_ROW_LEN` are refused
/// before any work that grows with them.
fn row_len(len: usize) -> u32 {
	u32::try_from(len).unwrap_or(u32::MAX).min(MAX_ROW_LEN)
}

/// A batch is valid if its size is, it names each subnet once (the second
/// item on a subnet would be rate limited in the same block), and every
/// item passes `check`; its tags are one per subnet.
fn batch<T: Config, I>(
	hotkey: &T::AccountId,
	items: &[I],
	netuid_of: impl Fn(&I) -> NetUid,
	check: impl Fn(&I) -> Result<(), DispatchError>,
) -> Result<Vec<TransactionTag>, DispatchError> {
	Pallet::<T>::ensure_batch_size(items.len())?;
	let mut netuids: Vec<NetUid> = items.iter().map(&netuid_of).collect();
	netuids.sort_unstable();
	ensure!(netuids.windows(2).all(|w| matches!(w, [a, b] if a < b)), Error::<T>::RateLimited);
	items.iter().try_for_each(check)?;
	Ok(items.iter().map(|item| tag::<T>(hotkey, netuid_of(item), false)).collect())
}

impl<T: Config> Pallet<T> {
	/// What [`CheckWeights`] checks: `Ok` with the call's tags if its
	/// dispatch by `hotkey` would succeed now, else the error it would
	/// return. A batch is valid only if every item is.
	pub fn validate_call(hotkey: &T::AccountId, call: &Call<T>) -> Result<Vec<TransactionTag>, DispatchError> {
		match call {
			Call::set_weights { netuid, uids, values, version_key } => {
				Self::check_set(hotkey, *netuid, uids, values, *version_key)?;
				Ok(vec![tag::<T>(hotkey, *netuid, false)])
			},
			Call::commit_weights { netuid, hash } => {
				Self::check_commit(hotkey, *netuid, *hash)?;
				Ok(vec![tag::<T>(hotkey, *netuid, true)])
			},
			Call::reveal_weights { netuid, uids, values, salt, version_key } => {
				Self::check_reveal(hotkey, *netuid, uids, values, salt, *version_key)?;
				Ok(vec![tag::<T>(hotkey, *netuid, false)])
			},
			Call::batch_set_weights { items } => batch::<T, _>(hotkey, items, |item| item.0, |(netuid, uids, values, version_key)| {
				Self::check_set(hotkey, *netuid, uids, values, *version_key).map(|_| ())
			}),
			Call::batch_reveal_weights { items } => {
				batch::<T, _>(hotkey, items, |item| item.0, |(netuid, uids, values, salt, version_key)| {
					Self::check_reveal(hotkey, *netuid, uids, values, salt, *version_key).map(|_| ())
				})
			},
			_ => Ok(Vec::new()),
		}
	}

	/// The benchmarked weight of [`Self::validate_call`] on `call`: a
	/// row's check, plus on root what listing and reading every subnet adds;
	/// a batch weighs its items' checks.
	pub fn validation_weight(call: &Call<T>) -> Weight {
		let set = |netuid: NetUid, uids: &Vec<_>| {
			T::WeightInfo::check_set_weights(row_len(uids.len()))
				.saturating_add(Self::root_part(netuid, T::WeightInfo::check_set_root_weights))
		};
		let reveal = |netuid: NetUid, uids: &Vec<_>, values: &Vec<_>| {
			T::WeightInfo::check_reveal_weights(row_len(uids.len().max(values.len())))
				.saturating_add(Self::root_part(netuid, T::WeightInfo::check_reveal_root_weights))
		};
		let batch = MAX_BATCH as usize;
		match call {
			Call::set_weights { netuid, uids, .. } => set(*netuid, uids),
			Call::commit_weights { .. } => T::WeightInfo::check_commit_weights(),
			Call::reveal_weights { netuid, uids, values, .. } => reveal(*netuid, uids, values),
			Call::batch_set_weights { items } => items
				.iter()
				.take(batch)
				.fold(Weight::zero(), |sum, (netuid, uids, _, _)| sum.saturating_add(set(*netuid, uids))),
			Call::batch_reveal_weights { items } => items.iter().take(batch).fold(Weight::zero(), |sum, item| {
				let (netuid, uids, values, _, _) = item;
				sum.saturating_add(reveal(*netuid, uids, values))
			}),
			_ => Weight::zero(),
		}
	}
}

impl<T: Config + Send + Sync> TransactionExtension<T::RuntimeCall> for CheckWeights<T>
where
	T::RuntimeCall: IsSubType<Call<T>>,
{
	const IDENTIFIER: &'static str = "CheckWeights";
	type Implicit = ();
	type Val = ();
	type Pre = ();

	fn weight(&self, call: &T::RuntimeCall) -> Weight {
		call.is_sub_type().map_or(Weight::zero(), Pallet::<T>::validation_weight)
	}

	fn validate(
		&self,
		origin: T::RuntimeOrigin,
		call: &T::RuntimeCall,
		_info: &DispatchInfoOf<T::RuntimeCall>,
		_len: usize,
		_self_implicit: Self::Implicit,
		_inherited_implication: &impl Encode,
		_source: TransactionSource,
	) -> ValidateResult<Self::Val, T::RuntimeCall> {
		let Some(call) = call.is_sub_type() else {
			return Ok((ValidTransaction::default(), (), origin));
		};
		// Weight calls are signed calls: unsigned ones would fail, for free.
		let Some(hotkey) = origin.as_signer() else {
			return Err(InvalidTransaction::BadSigner.into());
		};
		let provides = Pallet::<T>::validate_call(hotkey, call).map_err(refusal)?;
		Ok((ValidTransaction { provides, ..ValidTransaction::default() }, (), origin))
	}

	impl_tx_ext_default!(T::RuntimeCall; prepare);
}
