//! Upgrades that lose nothing: a check that a release's migrations leave the
//! storage of the pallets they do not migrate exactly as it was.
//!
//! Every pallet of yuma-chain declares a `StorageVersion` and has a
//! `migrations` module. A release that changes how a pallet stores its data
//! adds a `VersionedMigration` there, with its own `pre_upgrade` and
//! `post_upgrade` checks. Every other pallet must come through the upgrade
//! untouched, byte for byte: the runtime wraps its migrations in
//! [`Untouched`], naming those pallets, and try-runtime (or a test, through
//! [`Untouched::run_checked`]) reads each one's storage before the
//! migrations and again after them.
//!
//! What is compared is a pallet's whole storage under its prefix
//! (`twox128(name)`): its on-chain storage version, its number of keys and a
//! blake2-256 digest over every key and value in key order. Reading it walks
//! every key, so it is for try-runtime and tests only; on chain,
//! [`Untouched`] runs its inner migrations and nothing else.

use alloc::vec::Vec;
use codec::{Decode, Encode};
use core::marker::PhantomData;
use frame_support::{
	storage::unhashed,
	traits::{OnRuntimeUpgrade, PalletsInfoAccess, STORAGE_VERSION_STORAGE_KEY_POSTFIX},
	Blake2_256, StorageHasher, Twox128,
};
use sp_weights::Weight;

/// What one pallet holds, as [`Untouched`] compares it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode)]
pub struct PalletState {
	/// The pallet's name in the runtime (its storage prefix).
	pub pallet: Vec<u8>,
	/// Its on-chain storage version (0 when none is stored).
	pub version: u16,
	/// How many storage keys it holds, the version key included.
	pub keys: u32,
	/// blake2-256, chained over every key and value in key order.
	pub digest: [u8; 32],
}

impl PalletState {
	/// Reads the storage of the pallet named `name` in the runtime.
	pub fn read(name: &str) -> Self {
		let prefix = Twox128::hash(name.as_bytes());
		let version_key = [prefix.as_slice(), Twox128::hash(STORAGE_VERSION_STORAGE_KEY_POSTFIX).as_slice()].concat();
		let version = unhashed::get::<u16>(&version_key).unwrap_or_default();
		let mut digest = [0u8; 32];
		let mut keys = 0u32;
		let mut key = prefix.to_vec();
		while let Some(next) = sp_io::storage::next_key(&key) {
			if !next.starts_with(&prefix) {
				break;
			}
			let value = unhashed::get_raw(&next).unwrap_or_default();
			// Each step hashes the digest so far, then the key and the value,
			// both length-prefixed: no two different maps give the same input.
			let mut step = Vec::with_capacity(32usize.saturating_add(next.len()).saturating_add(value.len()).saturating_add(10));
			step.extend_from_slice(&digest);
			next.encode_to(&mut step);
			value.encode_to(&mut step);
			digest = Blake2_256::hash(&step);
			keys = keys.saturating_add(1);
			key = next;
		}
		Self { pallet: name.as_bytes().to_vec(), version, keys, digest }
	}
}

/// Why [`Untouched`] failed; `pallet` is the first pallet that changed.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum UntouchedError {
	/// The pallet's on-chain storage version changed.
	VersionChanged { pallet: &'static str, before: u16, after: u16 },
	/// The pallet's storage gained or lost keys.
	KeysChanged { pallet: &'static str, before: u32, after: u32 },
	/// A value (or a key) of the pallet's storage changed.
	ValueChanged { pallet: &'static str },
	/// The state recorded before the upgrade could not be decoded.
	Undecodable,
}

impl From<UntouchedError> for sp_runtime::TryRuntimeError {
	fn from(e: UntouchedError) -> Self {
		log::error!(target: "runtime::upgrade", "a pallet the upgrade does not migrate changed: {e:?}");
		sp_runtime::TryRuntimeError::Other(match e {
			UntouchedError::VersionChanged { .. } => "untouched: a pallet's storage version changed across the upgrade",
			UntouchedError::KeysChanged { .. } => "untouched: a pallet's storage gained or lost keys across the upgrade",
			UntouchedError::ValueChanged { .. } => "untouched: a pallet's storage changed across the upgrade",
			UntouchedError::Undecodable => "untouched: undecodable pre-upgrade state",
		})
	}
}

/// The migrations `Inner`, checked to leave every pallet of `Pallets` (a
/// pallet or a tuple of pallets) exactly as it was.
///
/// On chain it is `Inner`. Under try-runtime its `try_on_runtime_upgrade`
/// reads `Pallets`, runs `Inner`'s (with `Inner`'s own checks), and reads
/// them again: any difference fails the upgrade, naming the pallet.
pub struct Untouched<Pallets, Inner = ()>(PhantomData<(Pallets, Inner)>);

impl<Pallets: PalletsInfoAccess, Inner: OnRuntimeUpgrade> Untouched<Pallets, Inner> {
	/// The storage of every pallet in `Pallets`, in their order.
	pub fn states() -> Vec<PalletState> {
		Pallets::infos().into_iter().map(|info| PalletState::read(info.name)).collect()
	}

	/// Compares `before` (from [`Self::states`]) with the pallets' storage now.
	pub fn compare(before: &[PalletState]) -> Result<(), UntouchedError> {
		let infos = Pallets::infos();
		if infos.len() != before.len() {
			return Err(UntouchedError::Undecodable);
		}
		for (info, was) in infos.into_iter().zip(before) {
			let now = PalletState::read(info.name);
			let pallet = info.name;
			if now.pallet != was.pallet {
				return Err(UntouchedError::Undecodable);
			}
			if now.version != was.version {
				return Err(UntouchedError::VersionChanged { pallet, before: was.version, after: now.version });
			}
			if now.keys != was.keys {
				return Err(UntouchedError::KeysChanged { pallet, before: was.keys, after: now.keys });
			}
			if now.digest != was.digest {
				return Err(UntouchedError::ValueChanged { pallet });
			}
		}
		Ok(())
	}

	/// What try-runtime checks, without try-runtime: reads `Pallets`, runs
	/// `Inner`'s migrations, and compares.
	pub fn run_checked() -> Result<Weight, UntouchedError> {
		let before = Self::states();
		let weight = Inner::on_runtime_upgrade();
		Self::compare(&before)?;
		Ok(weight)
	}
}

impl<Pallets: PalletsInfoAccess, Inner: OnRuntimeUpgrade> OnRuntimeUpgrade for Untouched<Pallets, Inner> {
	fn on_runtime_upgrade() -> Weight {
		Inner::on_runtime_upgrade()
	}

	/// `Inner`'s upgrade, its own checks included, between two readings of
	/// `Pallets`. (A tuple of migrations checks each one alone, so the
	/// readings have to wrap all of them.)
	#[cfg(feature = "try-runtime")]
	fn try_on_runtime_upgrade(checks: bool) -> Result<Weight, sp_runtime::TryRuntimeError> {
		let before = if checks { Some(Self::states()) } else { None };
		let weight = Inner::try_on_runtime_upgrade(checks)?;
		if let Some(before) = before {
			Self::compare(&before)?;
		}
		Ok(weight)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
		Ok(Self::states().encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		let before = Vec::<PalletState>::decode(&mut &state[..]).map_err(|_| UntouchedError::Undecodable)?;
		Ok(Self::compare(&before)?)
	}
}
