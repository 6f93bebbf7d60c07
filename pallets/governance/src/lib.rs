//! # pallet-governance
//!
//! The parts of yuma-chain's OpenGov that FRAME's own pallets leave to the
//! runtime:
//!
//! - [`Origin`]: the custom origins of the `subnets` and `parameters` tracks.
//!   A referendum on one of those tracks dispatches its call with that origin;
//!   [`EnsureSubnets`] and [`EnsureParameters`] let a pallet accept it.
//! - [`Timings`]: each track's deposits and periods, and the referenda and
//!   conviction-voting settings, written by the chain spec (genesis), so that
//!   one runtime decides a referendum in minutes on a dev chain and in days
//!   on a production-like one. The runtime's `TracksInfo` and the `Get`s it
//!   gives `pallet-referenda` and `pallet-conviction-voting` read them.
//! - [`Parameters`]: the chain's global rules that governance may tune
//!   ([`ChainParameters`]), each within bounds, changed only by
//!   [`Pallet::set_parameter`] from a `parameters` referendum or root. The
//!   runtime hands them to the other pallets as their `Get`s.
//!
//! Nothing here moves currency or counts votes: pallet-referenda,
//! pallet-conviction-voting, pallet-scheduler and pallet-preimage do, as
//! configured in `runtime/src/configs/governance.rs`.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod migrations;
mod parameters;
pub mod weights;
mod timings;

#[cfg(test)]
mod tests;

pub use pallet::*;
pub use weights::WeightInfo;
pub use parameters::{ChainParameter, ChainParameters};
pub use timings::{
	GovernanceTimings, TimingError, TrackTiming, PARAMETERS_TRACK, ROOT_TRACK, SUBNETS_TRACK, TRACKS,
};

// FRAME's generated code uses `expect` (on values it constructs).
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::{BlockNumberFor, OriginFor};

	/// The pallet's storage layout version: 0 in the released runtime, 1 in
	/// the test upgrade (`upgrade-test`), whose runtime runs
	/// [`migrations::v1::RecordUpgrade`].
	const STORAGE_VERSION: StorageVersion =
		StorageVersion::new(if cfg!(feature = "upgrade-test") { 1 } else { 0 });

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// Who may change a [`ChainParameter`]: root and the `parameters` track.
		type ParametersOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Weights of this pallet's call.
		type WeightInfo: WeightInfo;
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event {
		/// A chain parameter changed.
		ParameterSet {
			/// The rule with its old value.
			from: ChainParameter,
			/// The rule with its new value.
			to: ChainParameter,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The value is outside the rule's bounds (see [`ChainParameter`]).
		ParameterOutOfBounds,
		/// A senator's earlier motion is still open: one at a time (the
		/// runtime's senate refuses a second).
		SenatorHasOpenMotion,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Sets one of the chain's global rules (root, or a passed
		/// `parameters` referendum), within its bounds. It takes effect at
		/// once: the next call or epoch that reads it sees the new value.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_parameter())]
		pub fn set_parameter(origin: OriginFor<T>, value: ChainParameter) -> DispatchResult {
			T::ParametersOrigin::ensure_origin(origin)?;
			ensure!(value.in_bounds(), Error::<T>::ParameterOutOfBounds);
			let mut parameters = Self::parameters();
			let from = value.current(&parameters);
			value.apply(&mut parameters);
			Parameters::<T>::put(parameters);
			Self::deposit_event(Event::ParameterSet { from, to: value });
			Ok(())
		}
	}

	/// The origins a referendum dispatches with on the tracks that are not
	/// `root`. Only a passed referendum on that track (or root, through the
	/// `EitherOf` the runtime builds) can produce one.
	#[derive(
		PartialEq,
		Eq,
		Clone,
		Copy,
		MaxEncodedLen,
		Encode,
		Decode,
		DecodeWithMemTracking,
		TypeInfo,
		Debug,
	)]
	#[pallet::origin]
	pub enum Origin {
		/// The `subnets` track: subnet creation proposals and dissolutions.
		Subnets,
		/// The `parameters` track: the chain's global, bounded rules.
		Parameters,
	}

	/// Deposits and periods of the tracks, and the referenda and conviction
	/// settings, as the chain spec set them. Empty only in externalities
	/// built without genesis (tests of metadata): [`Pallet::timings`] then
	/// gives the compiled production defaults.
	#[pallet::storage]
	pub type Timings<T: Config> = StorageValue<_, GovernanceTimings, OptionQuery>;

	/// The chain's tunable rules, as the chain spec set them and governance
	/// changed them. Empty only without genesis: [`Pallet::parameters`]
	/// then gives the production defaults.
	#[pallet::storage]
	pub type Parameters<T: Config> = StorageValue<_, ChainParameters, OptionQuery>;

	/// The chain's totals when the runtime that brought storage version 1
	/// took over, written once by [`migrations::v1::RecordUpgrade`]; empty
	/// before (and on chains that started at version 1).
	#[pallet::storage]
	pub type LastUpgrade<T: Config> =
		StorageValue<_, migrations::v1::UpgradeRecord<BlockNumberFor<T>>, OptionQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The timings to start with; `None` keeps the production defaults.
		pub timings: Option<GovernanceTimings>,
		/// The rules to start with; `None` keeps the production defaults.
		pub parameters: Option<ChainParameters>,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let timings = self.timings.unwrap_or_default();
			// A chain spec with timings that cannot decide a referendum must not
			// start: genesis is the one place where panicking is the answer.
			if let Err(e) = timings.validate() {
				panic!("governance timings in the chain spec: {e:?}");
			}
			let parameters = self.parameters.unwrap_or_default();
			if let Some(rule) = parameters.out_of_bounds() {
				panic!("chain parameter in the chain spec out of bounds: {rule:?}");
			}
			Timings::<T>::put(timings);
			Parameters::<T>::put(parameters);
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(GovernanceTimings::default().validate().is_ok(), "default governance timings are invalid");
			assert_eq!(ChainParameters::default().out_of_bounds(), None, "a default chain parameter is out of bounds");
			assert_eq!(ChainParameters::development().out_of_bounds(), None, "a development chain parameter is out of bounds");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::timings()
				.validate()
				.map_err(|_| sp_runtime::TryRuntimeError::Other("stored governance timings are invalid"))?;
			match Self::parameters().out_of_bounds() {
				None => Ok(()),
				Some(_) => Err(sp_runtime::TryRuntimeError::Other("a stored chain parameter is out of bounds")),
			}
		}
	}

	impl<T: Config> Pallet<T> {
		/// The timings in force: the stored ones, or the production defaults.
		pub fn timings() -> GovernanceTimings {
			Timings::<T>::get().unwrap_or_default()
		}

		/// The rules in force: the stored ones, or the production defaults.
		pub fn parameters() -> ChainParameters {
			Parameters::<T>::get().unwrap_or_default()
		}
	}
}

/// Accepts only [`Origin::Subnets`]; its success value is `()`.
pub struct EnsureSubnets;
/// Accepts only [`Origin::Parameters`]; its success value is `()`.
pub struct EnsureParameters;

macro_rules! ensure_custom_origin {
	($name:ident, $variant:ident) => {
		impl<O> frame_support::traits::EnsureOrigin<O> for $name
		where
			O: Into<Result<Origin, O>> + From<Origin>,
		{
			type Success = ();

			fn try_origin(o: O) -> Result<Self::Success, O> {
				o.into().and_then(|origin| match origin {
					Origin::$variant => Ok(()),
					other => Err(O::from(other)),
				})
			}

			#[cfg(feature = "runtime-benchmarks")]
			fn try_successful_origin() -> Result<O, ()> {
				Ok(O::from(Origin::$variant))
			}
		}
	};
}

ensure_custom_origin!(EnsureSubnets, Subnets);
ensure_custom_origin!(EnsureParameters, Parameters);
