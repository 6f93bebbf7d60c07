//! # pallet-validator-set
//!
//! The chain's block authors and GRANDPA voters, changed only by governance.
//!
//! This pallet is pallet-session's `SessionManager`: at each session
//! boundary it tells the session pallet whether the set of validators
//! changes. The set changes only through [`Pallet::add_validator`] and
//! [`Pallet::remove_validator`], whose origin the runtime chooses (root: a
//! `root` referendum, or sudo where there is one). Each validator is an
//! account with session keys (`session.setKeys`), its Aura and GRANDPA keys.
//!
//! Timing is pallet-session's: a change made during session `s` is handed
//! to the session pallet when session `s + 1` starts (`ValidatorSetQueued`),
//! and the queued set authors and votes from session `s + 2` on.
//!
//! Bounds: the set never falls below `MinValidators` by a call (so a vote
//! cannot stop finality) and never exceeds `MaxValidators`. A validator can
//! still leave on its own by purging its keys (`session.purgeKeys`): the
//! session pallet skips validators without keys, whatever this pallet says.
//! It stays in this pallet's set, and is handed back to the session pallet
//! once it has set keys again.
//!
//! Until governance first changes it, the set is the one the session pallet
//! started with (its genesis `keys`, as zombienet writes them): this pallet's
//! genesis list may be empty.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
pub mod weights;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

use alloc::vec::Vec;
use frame_support::{pallet_prelude::*, BoundedVec};
use frame_system::pallet_prelude::*;
use sp_runtime::traits::SaturatedConversion;

pub use pallet::*;
pub use weights::WeightInfo;

/// A session's index.
pub type SessionIndex = u32;

/// The shortest session a chain spec may set: the session pallet hands a
/// new set over at one boundary and activates it at the next.
pub const MIN_SESSION_LENGTH: u32 = 2;

/// pallet-session's `ShouldEndSession` and `NextSessionRotation` for a
/// chain whose session length is [`SessionLength`]:
/// `pallet_session::PeriodicSessions<Period<Runtime>, ConstU32<0>>`.
pub struct Period<T>(core::marker::PhantomData<T>);
impl<T: Config> Get<BlockNumberFor<T>> for Period<T> {
	fn get() -> BlockNumberFor<T> {
		SessionLength::<T>::get()
	}
}

/// How long a GRANDPA equivocation report stays valid, in blocks: the
/// sessions whose roots are kept ([`Config::HistoryDepth`]) times the session
/// length.
pub struct ReportLongevity<T>(core::marker::PhantomData<T>);
impl<T: Config> Get<u64> for ReportLongevity<T> {
	fn get() -> u64 {
		let length: u64 = SessionLength::<T>::get().saturated_into();
		length.saturating_mul(u64::from(T::HistoryDepth::get()))
	}
}

// FRAME's generated code uses `expect` (on values it constructs); the calls
// here use none.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;

	/// In-code storage version: the layout since genesis.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config:
		frame_system::Config
		+ pallet_session::Config<ValidatorId = <Self as frame_system::Config>::AccountId>
		+ pallet_session::historical::Config
	{
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// Who may add and remove validators (root, or a passed referendum).
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The fewest validators a removal may leave. At least 1.
		#[pallet::constant]
		type MinValidators: Get<u32>;

		/// The most validators.
		#[pallet::constant]
		type MaxValidators: Get<u32>;

		/// The session length when the genesis does not set one (blocks).
		#[pallet::constant]
		type DefaultSessionLength: Get<BlockNumberFor<Self>>;

		/// How many past sessions keep their historical root (the key
		/// ownership proofs of GRANDPA equivocation reports): older ones are
		/// pruned as each session starts.
		#[pallet::constant]
		type HistoryDepth: Get<SessionIndex>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// The validators from the next change on, once governance has changed
	/// the set (absent: the session pallet's current set).
	#[pallet::storage]
	pub type Validators<T: Config> =
		StorageValue<_, BoundedVec<<T as frame_system::Config>::AccountId, T::MaxValidators>, OptionQuery>;

	/// Whether the set changed since it was last handed to the session pallet.
	#[pallet::storage]
	pub type SetChanged<T: Config> = StorageValue<_, bool, ValueQuery>;

	#[pallet::type_value]
	pub fn DefaultLength<T: Config>() -> BlockNumberFor<T> {
		T::DefaultSessionLength::get()
	}

	/// Blocks per session, fixed at genesis (the chain spec's
	/// `validatorSet.sessionLength`). A session ends at every block whose
	/// number it divides ([`Period`]).
	#[pallet::storage]
	pub type SessionLength<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery, DefaultLength<T>>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The first validators; empty: the session pallet's genesis keys
		/// decide.
		pub validators: Vec<<T as frame_system::Config>::AccountId>,
		/// Blocks per session (absent: `DefaultSessionLength`); at least
		/// [`MIN_SESSION_LENGTH`].
		pub session_length: Option<BlockNumberFor<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(length) = self.session_length {
				assert!(
					length >= MIN_SESSION_LENGTH.into(),
					"validatorSet.sessionLength: fewer than MIN_SESSION_LENGTH blocks"
				);
				SessionLength::<T>::put(length);
			}
			if self.validators.is_empty() {
				return;
			}
			assert!(!has_duplicates(&self.validators), "validatorSet.validators: a validator is listed twice");
			assert!(
				self.validators.len() >= T::MinValidators::get() as usize,
				"validatorSet.validators: fewer than MinValidators"
			);
			let set = BoundedVec::try_from(self.validators.clone())
				.unwrap_or_else(|_| panic!("validatorSet.validators: more than MaxValidators"));
			Validators::<T>::put(set);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `who` joins the set from the next change on.
		ValidatorAdded {
			/// The new validator.
			who: <T as frame_system::Config>::AccountId,
		},
		/// `who` leaves the set from the next change on.
		ValidatorRemoved {
			/// The validator that leaves.
			who: <T as frame_system::Config>::AccountId,
		},
		/// The changed set was handed to the session pallet: it authors and
		/// votes from session `active_from` on.
		ValidatorSetQueued {
			/// The first session the set is active in.
			active_from: SessionIndex,
			/// How many validators it has.
			validators: u32,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is a validator already.
		AlreadyValidator,
		/// The account is not a validator.
		NotValidator,
		/// The account has no session keys (`session.setKeys` first).
		NoSessionKeys,
		/// The set would exceed `MaxValidators`.
		TooManyValidators,
		/// The set would fall below `MinValidators`.
		TooFewValidators,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MinValidators::get() >= 1, "MinValidators must be at least 1");
			assert!(T::MinValidators::get() <= T::MaxValidators::get(), "MinValidators above MaxValidators");
			assert!(
				T::DefaultSessionLength::get() >= MIN_SESSION_LENGTH.into(),
				"DefaultSessionLength below MIN_SESSION_LENGTH"
			);
			assert!(T::HistoryDepth::get() >= 1, "HistoryDepth must be at least 1");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Adds `who`, an account with session keys, to the validators: it
		/// authors and votes two session boundaries later.
		#[pallet::call_index(0)]
		#[pallet::weight(<T as Config>::WeightInfo::add_validator(T::MaxValidators::get()))]
		pub fn add_validator(origin: OriginFor<T>, who: <T as frame_system::Config>::AccountId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			let mut set = Self::planned();
			ensure!(!set.contains(&who), Error::<T>::AlreadyValidator);
			ensure!(pallet_session::NextKeys::<T>::contains_key(&who), Error::<T>::NoSessionKeys);
			set.try_push(who.clone()).map_err(|_| Error::<T>::TooManyValidators)?;
			Self::plan(set);
			Self::deposit_event(Event::ValidatorAdded { who });
			Ok(())
		}

		/// Removes `who` from the validators, two session boundaries later.
		/// The set never falls below `MinValidators` this way.
		#[pallet::call_index(1)]
		#[pallet::weight(<T as Config>::WeightInfo::remove_validator(T::MaxValidators::get()))]
		pub fn remove_validator(origin: OriginFor<T>, who: <T as frame_system::Config>::AccountId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			let mut set = Self::planned();
			let at = set.iter().position(|v| *v == who).ok_or(Error::<T>::NotValidator)?;
			ensure!(set.len() > T::MinValidators::get() as usize, Error::<T>::TooFewValidators);
			set.remove(at);
			Self::plan(set);
			Self::deposit_event(Event::ValidatorRemoved { who });
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The set from the next change on: governance's, or else the session
	/// pallet's current validators.
	pub fn planned() -> BoundedVec<<T as frame_system::Config>::AccountId, T::MaxValidators> {
		Validators::<T>::get()
			.unwrap_or_else(|| BoundedVec::truncate_from(pallet_session::Validators::<T>::get()))
	}

	/// The planned validators that have session keys, with their keys (in
	/// the order of the plan, as pallet-session queues them).
	fn keyed() -> Vec<(<T as frame_system::Config>::AccountId, <T as pallet_session::Config>::Keys)> {
		Self::planned()
			.into_iter()
			.filter_map(|v| pallet_session::NextKeys::<T>::get(&v).map(|keys| (v, keys)))
			.collect()
	}

	fn plan(set: BoundedVec<<T as frame_system::Config>::AccountId, T::MaxValidators>) {
		Validators::<T>::put(set);
		SetChanged::<T>::put(true);
	}

	/// The planned set has no duplicates and is within its bounds.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let Some(set) = Validators::<T>::get() else { return Ok(()) };
		ensure!(!has_duplicates(&set), "validator-set: a validator is listed twice");
		ensure!(set.len() >= T::MinValidators::get() as usize, "validator-set: fewer than MinValidators");
		Ok(())
	}
}

impl<T: Config> pallet_session::SessionManager<<T as frame_system::Config>::AccountId> for Pallet<T> {
	/// Hands over the planned validators that have keys whenever they, or
	/// their keys, differ from what the session pallet queued last: a
	/// change by governance, a validator that purged or rotated its keys,
	/// or one that set them again. So the session's set (and each
	/// historical root) is always exactly the keyed validators. A set in
	/// which none has keys is never handed over.
	fn new_session(new_index: SessionIndex) -> Option<Vec<<T as frame_system::Config>::AccountId>> {
		// The first boundary fixes the starting set (the session pallet's
		// genesis keys): from then on a validator that leaves by purging
		// its keys stays planned and comes back with them.
		if Validators::<T>::get().is_none() {
			let starting = Self::planned();
			if !starting.is_empty() {
				Validators::<T>::put(starting);
			}
		}
		let changed = SetChanged::<T>::take();
		let keyed = Self::keyed();
		if keyed.is_empty() {
			SetChanged::<T>::put(changed);
			return None;
		}
		if !changed && keyed == pallet_session::QueuedKeys::<T>::get() {
			return None;
		}
		let validators = u32::try_from(keyed.len()).unwrap_or(u32::MAX);
		Self::deposit_event(Event::ValidatorSetQueued { active_from: new_index, validators });
		Some(keyed.into_iter().map(|(v, _)| v).collect())
	}

	fn new_session_genesis(_: SessionIndex) -> Option<Vec<<T as frame_system::Config>::AccountId>> {
		Validators::<T>::get().map(BoundedVec::into_inner)
	}

	fn end_session(_: SessionIndex) {}
	fn start_session(_: SessionIndex) {}
}

/// For `pallet_session::historical::NoteHistoricalRoot`: each validator's
/// full identification is its account (no stake is at risk on this chain;
/// a GRANDPA equivocation report names the account).
impl<T: Config>
	pallet_session::historical::SessionManager<
		<T as frame_system::Config>::AccountId,
		<T as frame_system::Config>::AccountId,
	> for Pallet<T>
{
	/// As the plain manager, except that a session whose predecessor has no
	/// historical root (a chain started from the session pallet's genesis
	/// keys, with this pallet's list empty) gets its keyed validators
	/// handed over again, so that its root is stored and its keys can be
	/// proven.
	fn new_session(
		new_index: SessionIndex,
	) -> Option<Vec<(<T as frame_system::Config>::AccountId, <T as frame_system::Config>::AccountId)>> {
		if let Some(set) = <Self as pallet_session::SessionManager<_>>::new_session(new_index) {
			return Some(identified(set));
		}
		let unrooted =
			pallet_session::historical::HistoricalSessions::<T>::get(new_index.saturating_sub(1)).is_none();
		let keyed = Self::keyed();
		(unrooted && !keyed.is_empty()).then(|| identified(keyed.into_iter().map(|(v, _)| v).collect()))
	}

	fn new_session_genesis(
		new_index: SessionIndex,
	) -> Option<Vec<(<T as frame_system::Config>::AccountId, <T as frame_system::Config>::AccountId)>> {
		<Self as pallet_session::SessionManager<_>>::new_session_genesis(new_index).map(identified)
	}

	fn end_session(_: SessionIndex) {}

	/// Prunes the historical roots older than `HistoryDepth` sessions.
	fn start_session(index: SessionIndex) {
		if let Some(up_to) = index.checked_sub(T::HistoryDepth::get()) {
			pallet_session::historical::Pallet::<T>::prune_up_to(up_to);
		}
	}
}

/// Whether an account is listed twice.
fn has_duplicates<A: Ord + Clone>(set: &[A]) -> bool {
	let mut sorted = set.to_vec();
	sorted.sort();
	sorted.dedup();
	sorted.len() != set.len()
}

/// Each validator with itself as its full identification.
fn identified<A: Clone>(set: Vec<A>) -> Vec<(A, A)> {
	set.into_iter().map(|v| (v.clone(), v)).collect()
}
