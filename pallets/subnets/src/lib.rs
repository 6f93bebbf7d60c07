//! # pallet-subnets
//!
//! The subnet registry, and everything about who holds a uid.
//!
//! - **Networks.** [`Pallet::register_network`] makes the caller (a coldkey)
//!   owner of a new subnet at the lowest free netuid and holds the network
//!   lock on its account until the subnet is dissolved
//!   ([`Pallet::dissolve_network`]) or pruned to make room for a newer one.
//!   Netuid 0 is the root subnet, created at genesis; hotkeys join it with
//!   [`Pallet::root_register`].
//! - **Hyperparameters.** One [`SubnetHyperparams`] per subnet, changed
//!   through [`Pallet::set_hyperparameter`] with a typed [`Hyperparameter`].
//! - **Neurons.** [`Pallet::burned_register`] (pay the burn, which leaves
//!   total issuance) or [`Pallet::register`] (proof of work, see [`pow`]) gives
//!   a hotkey a uid: appended while there is room, else the slot of the
//!   neuron with the lowest pruning score past its immunity period.
//! - **Endpoints and commitments.** [`Pallet::serve_axon`],
//!   [`Pallet::serve_prometheus`] and [`Pallet::commit`].
//!
//! Other pallets read all this through [`yuma_primitives::SubnetRegistry`]
//! (implemented by [`Pallet`]) and are told of replaced uids and dissolved
//! subnets through [`Config::Hooks`].
//!
//! Invariants (checked by `try_state`, after every test):
//! - every live subnet's uids are `0..n`, each with one hotkey, each hotkey
//!   with one uid, `n <= max_allowed_uids`, and one registration block and
//!   pruning score per uid;
//! - every registered hotkey has an owning coldkey;
//! - each coldkey's network-lock hold equals the sum of its subnets' locks;
//! - the subnet count matches the live subnets and is within the limit; the
//!   root subnet exists.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod hyperparameters;
mod invariants;
mod networks;
pub mod pow;
mod registration;
mod registry;
mod root;
mod serving;
mod types;
pub mod migrations;
pub mod weights;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use hyperparameters::{blocks_until_epoch, Hyperparameter};
pub use pallet::*;
pub use types::{AxonInfo, Commitment, IpType, NetworkInfo, PrometheusInfo, RegistrationCounters};
pub use weights::WeightInfo;
pub use yuma_primitives::{NetUid, SubnetHyperparams, Uid, ROOT_NETUID};

/// The most uids any subnet may hold (the bound of `max_allowed_uids`).
pub const MAX_UIDS_BOUND: u16 = 4096;

/// The most validator permits a subnet may give (`max_allowed_validators`):
/// an epoch reads one weights row per permit, and its benchmark measures up
/// to this many.
pub const MAX_VALIDATORS_BOUND: u16 = 256;

/// Longest commitment, in bytes.
pub const MAX_COMMITMENT_LEN: u32 = 256;

/// Proof of work must be done on one of the last this many blocks.
pub const POW_MAX_AGE: u64 = 3;

/// Most hyperparameters a subnet creation proposal may set (there are 31).
pub const MAX_PROPOSED_HYPERPARAMETERS: u32 = 32;

/// Owners may not change a hyperparameter this many blocks (or fewer) before
/// their subnet's epoch.
pub const HYPERPARAMETER_FREEZE_BLOCKS: u64 = 10;

// FRAME's generated code uses `expect` (on values it constructs); the
// pallet's own logic lives in the other modules, under the full lint set.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Balanced, Credit, InspectHold, Mutate, MutateHold},
			BuildGenesisConfig, OnUnbalanced,
		},
	};
	use frame_system::pallet_prelude::*;
	use yuma_primitives::{StakeInfo, SubnetHooks};

	/// The balance type: rao, as the consensus engine counts it.
	pub type Balance = u64;

	/// The layout version of this pallet's storage: bumped, with a
	/// migration, by every change of it.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The lock of a subnet the account owns; released when it is dissolved.
		NetworkLock,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// Balances: takes registration fees and holds network locks.
		type Currency: Mutate<Self::AccountId, Balance = Balance>
			+ Balanced<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ InspectHold<Self::AccountId, Balance = Balance>;

		/// Receives registration burns (withdrawn from the coldkey; dropping
		/// them takes them out of total issuance). The runtime counts them.
		type Recycle: OnUnbalanced<Credit<Self::AccountId, Self::Currency>>;

		/// The runtime's hold reasons, of which [`HoldReason`] is one.
		type RuntimeHoldReason: From<HoldReason>;

		/// The stake behind a hotkey (root membership goes by it).
		type StakeInfo: StakeInfo<Self::AccountId>;

		/// Pallets to tell when a uid changes hands or a subnet is dissolved.
		type Hooks: SubnetHooks;

		/// Most live subnets, root included. Must be at least 2.
		#[pallet::constant]
		type SubnetLimit: Get<u16>;

		/// Blocks after its registration during which a subnet cannot be pruned.
		#[pallet::constant]
		type SubnetImmunityPeriod: Get<u64>;

		/// Blocks between two network registrations, chain-wide.
		#[pallet::constant]
		type NetworkRateLimit: Get<u64>;

		/// The lowest network lock (rao). Must be non-zero.
		#[pallet::constant]
		type NetworkMinLock: Get<Balance>;

		/// Blocks over which the network lock decays from twice the last lock
		/// back to the minimum. Must be non-zero.
		#[pallet::constant]
		type NetworkLockDecayPeriod: Get<u64>;

		/// Most members of the root subnet.
		#[pallet::constant]
		type MaxRootMembers: Get<u16>;

		/// Storage entries of dissolved subnets removed per block, at most.
		#[pallet::constant]
		type ClearPerBlock: Get<u32>;

		/// Blocks between two commitments of one hotkey on one subnet.
		#[pallet::constant]
		type CommitmentRateLimit: Get<u64>;

		/// Who may create a subnet without a lock ([`Pallet::create_subnet`])
		/// and dissolve any subnet: root and the `subnets` governance track.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Who may change the hyperparameters new subnets start with
		/// ([`Pallet::set_subnet_default`]): root and the `parameters` track.
		type ParametersOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;
	}

	// ---- networks ---------------------------------------------------------------

	/// Owner, lock and registration block of every live subnet but root.
	#[pallet::storage]
	pub type Networks<T: Config> =
		StorageMap<_, Identity, NetUid, NetworkInfo<T::AccountId>, OptionQuery>;

	/// Hyperparameters of every live subnet (root included): present exactly
	/// for the live subnets.
	#[pallet::storage]
	pub type Hyperparams<T: Config> = StorageMap<_, Identity, NetUid, SubnetHyperparams, OptionQuery>;

	/// Hyperparameters every new subnet starts with (absent: the defaults of
	/// `SubnetHyperparams`). Set at genesis.
	#[pallet::storage]
	pub type SubnetDefaults<T: Config> = StorageValue<_, SubnetHyperparams, OptionQuery>;

	/// Number of live subnets, root included.
	#[pallet::storage]
	pub type SubnetCount<T: Config> = StorageValue<_, u16, ValueQuery>;

	/// The lock paid by the last network registration.
	#[pallet::storage]
	pub type LastNetworkLock<T: Config> = StorageValue<_, Balance, ValueQuery>;

	/// Block of the last network registration (none yet: `None`).
	#[pallet::storage]
	pub type LastNetworkRegistration<T: Config> = StorageValue<_, u64, OptionQuery>;

	/// Emission (rao) of each subnet's last epoch; the lowest is pruned first.
	#[pallet::storage]
	pub type SubnetEmission<T: Config> = StorageMap<_, Identity, NetUid, u64, ValueQuery>;

	/// Dissolved subnets whose per-neuron state is still being removed; their
	/// netuids are not reused until it is gone.
	#[pallet::storage]
	pub type Dissolving<T: Config> = StorageMap<_, Identity, NetUid, (), OptionQuery>;

	/// When an owner last changed a hyperparameter (by [`Hyperparameter::index`]).
	#[pallet::storage]
	pub type LastHyperparameterChange<T: Config> =
		StorageDoubleMap<_, Identity, NetUid, Identity, u8, u64, OptionQuery>;

	// ---- neurons ----------------------------------------------------------------

	/// Number of uids in each subnet.
	#[pallet::storage]
	pub type SubnetN<T: Config> = StorageMap<_, Identity, NetUid, u16, ValueQuery>;

	/// The hotkey of each uid.
	#[pallet::storage]
	pub type Keys<T: Config> =
		StorageDoubleMap<_, Identity, NetUid, Identity, Uid, T::AccountId, OptionQuery>;

	/// The same hotkeys as `Keys`, by uid, in one record per subnet: an
	/// epoch reads its subnet's hotkeys once, not once per uid.
	#[pallet::storage]
	pub type SubnetHotkeys<T: Config> =
		StorageMap<_, Identity, NetUid, BoundedVec<T::AccountId, ConstU32<{ MAX_UIDS_BOUND as u32 }>>, ValueQuery>;

	/// The uid of each registered hotkey.
	#[pallet::storage]
	pub type Uids<T: Config> =
		StorageDoubleMap<_, Identity, NetUid, Blake2_128Concat, T::AccountId, Uid, OptionQuery>;

	/// Registration block of every uid of a subnet, by uid.
	#[pallet::storage]
	pub type RegisteredAt<T: Config> =
		StorageMap<_, Identity, NetUid, BoundedVec<u64, ConstU32<{ MAX_UIDS_BOUND as u32 }>>, ValueQuery>;

	/// Pruning score (the last epoch's emission) of every uid of a subnet, by uid.
	#[pallet::storage]
	pub type PruningScores<T: Config> =
		StorageMap<_, Identity, NetUid, BoundedVec<u64, ConstU32<{ MAX_UIDS_BOUND as u32 }>>, ValueQuery>;

	/// The coldkey owning each hotkey: the first that used it.
	#[pallet::storage]
	pub type HotkeyOwner<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, T::AccountId, OptionQuery>;

	/// Registrations counted for the per-block limit and the burn and
	/// difficulty adjustment.
	#[pallet::storage]
	pub type RegistrationCount<T: Config> =
		StorageMap<_, Identity, NetUid, RegistrationCounters, ValueQuery>;

	/// Block of each subnet's next burn and difficulty adjustment.
	#[pallet::storage]
	pub type NextAdjustment<T: Config> = StorageMap<_, Identity, NetUid, u64, OptionQuery>;

	/// Proof-of-work seals already used, by the block they were made on
	/// (forgotten once that block is too old to be used again).
	#[pallet::storage]
	pub type UsedWork<T: Config> =
		StorageDoubleMap<_, Identity, u64, Identity, [u8; 32], (), OptionQuery>;

	// ---- endpoints and commitments -------------------------------------------

	/// The axon each registered hotkey serves.
	#[pallet::storage]
	pub type Axons<T: Config> =
		StorageDoubleMap<_, Identity, NetUid, Blake2_128Concat, T::AccountId, AxonInfo, OptionQuery>;

	/// The Prometheus endpoint each registered hotkey serves.
	#[pallet::storage]
	pub type Prometheus<T: Config> = StorageDoubleMap<
		_,
		Identity,
		NetUid,
		Blake2_128Concat,
		T::AccountId,
		PrometheusInfo,
		OptionQuery,
	>;

	/// What each registered hotkey last committed to.
	#[pallet::storage]
	pub type Commitments<T: Config> = StorageDoubleMap<
		_,
		Identity,
		NetUid,
		Blake2_128Concat,
		T::AccountId,
		Commitment,
		OptionQuery,
	>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Hyperparameters of the root subnet (netuid 0), created at genesis;
		/// `None`: the defaults, with `max_allowed_uids = MaxRootMembers`.
		pub root: Option<SubnetHyperparams>,
		/// Hyperparameters every new subnet starts with; `None`: the defaults
		/// of `SubnetHyperparams` (a dev chain shortens the tempo here).
		pub subnet_defaults: Option<SubnetHyperparams>,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let root = self.root.clone().unwrap_or_else(Pallet::<T>::root_defaults);
			Hyperparams::<T>::insert(ROOT_NETUID, root);
			if let Some(defaults) = &self.subnet_defaults {
				SubnetDefaults::<T>::put(defaults);
			}
			SubnetCount::<T>::put(1);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A hyperparameter new subnets start with changed.
		SubnetDefaultSet {
			/// The hyperparameter with its old default.
			from: Hyperparameter,
			/// The hyperparameter with its new default.
			to: Hyperparameter,
		},
		/// A subnet was registered (by its owner, or created by governance
		/// with a lock of 0).
		NetworkRegistered {
			/// The new subnet.
			netuid: NetUid,
			/// Its owner (the caller, or the one governance named).
			owner: T::AccountId,
			/// Rao now held on the owner's account until the subnet is dissolved.
			lock: Balance,
		},
		/// A subnet was dissolved by its owner or root; its lock is returned.
		NetworkDissolved {
			/// The subnet.
			netuid: NetUid,
			/// Its owner, who got the lock back.
			owner: T::AccountId,
			/// Rao released from hold.
			lock_returned: Balance,
		},
		/// A subnet was pruned to make room for a new one; its lock is returned.
		NetworkPruned {
			/// The subnet.
			netuid: NetUid,
			/// Its owner, who got the lock back.
			owner: T::AccountId,
			/// Rao released from hold.
			lock_returned: Balance,
		},
		/// The last state of a dissolved subnet is gone; its netuid is free again.
		NetworkCleared {
			/// The subnet.
			netuid: NetUid,
		},
		/// A hyperparameter changed.
		HyperparameterSet {
			/// The subnet.
			netuid: NetUid,
			/// The value before.
			from: Hyperparameter,
			/// The value now.
			to: Hyperparameter,
		},
		/// A hotkey got a uid.
		NeuronRegistered {
			/// The subnet.
			netuid: NetUid,
			/// The uid it holds now.
			uid: Uid,
			/// The new neuron's hotkey.
			hotkey: T::AccountId,
			/// The coldkey that registered it (its owner).
			coldkey: T::AccountId,
			/// The hotkey that held the uid before, if the slot was replaced.
			replaced: Option<T::AccountId>,
			/// Rao burned for the registration (0 for proof of work and root).
			burned: Balance,
		},
		/// Burn and difficulty moved toward the registration target.
		RegistrationCostAdjusted {
			/// The subnet.
			netuid: NetUid,
			/// Burned registrations in the interval that ended (they move the burn).
			burned: u16,
			/// Proof-of-work registrations in it (they move the difficulty).
			by_work: u16,
			/// Burn before and after.
			burn: (Balance, Balance),
			/// Difficulty before and after.
			difficulty: (u64, u64),
		},
		/// A hotkey announced its axon.
		AxonServed {
			/// The subnet.
			netuid: NetUid,
			/// The hotkey.
			hotkey: T::AccountId,
			/// The endpoint.
			axon: AxonInfo,
		},
		/// A hotkey announced its Prometheus endpoint.
		PrometheusServed {
			/// The subnet.
			netuid: NetUid,
			/// The hotkey.
			hotkey: T::AccountId,
			/// The endpoint.
			prometheus: PrometheusInfo,
		},
		/// A hotkey published a commitment.
		Committed {
			/// The subnet.
			netuid: NetUid,
			/// The hotkey.
			hotkey: T::AccountId,
			/// blake2-256 of the committed bytes (stored in `Commitments`).
			data_hash: [u8; 32],
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No live subnet has this netuid.
		SubnetNotFound,
		/// Only the subnet's owner (or root) may do this.
		NotSubnetOwner,
		/// The root subnet cannot be dissolved.
		CannotDissolveRoot,
		/// A network was registered less than `NetworkRateLimit` blocks ago.
		NetworkRateLimited,
		/// The caller cannot pay the network lock (or the burn) and keep its account alive.
		InsufficientBalance,
		/// The subnet limit is reached and every subnet is immune (or root).
		SubnetLimitReached,
		/// Only root may set this hyperparameter.
		RootOnlyHyperparameter,
		/// The value is outside the hyperparameter's bounds.
		ValueOutOfBounds,
		/// `alpha_low` would exceed `alpha_high`.
		AlphaBoundsInverted,
		/// A minimum would exceed its maximum (or a value leave them).
		MinAboveMax,
		/// `max_allowed_uids` cannot go below the subnet's current number of uids.
		MaxUidsBelowCurrent,
		/// The owner changed this hyperparameter less than two tempos ago.
		HyperparameterRateLimited,
		/// Owners cannot change hyperparameters in the last blocks before the epoch.
		TooCloseToEpoch,
		/// Registration is closed on this subnet.
		RegistrationDisabled,
		/// The subnet took `max_regs_per_block` registrations in this block already.
		TooManyRegistrationsThisBlock,
		/// The hotkey belongs to another coldkey.
		NotHotkeyOwner,
		/// The hotkey already holds a uid in this subnet.
		AlreadyRegistered,
		/// The subnet is full and every neuron is still immune.
		AllNeuronsImmune,
		/// The root subnet is joined with `root_register`.
		UseRootRegister,
		/// The root subnet is full and the hotkey has no more stake than its least member.
		StakeTooLowForRoot,
		/// The work's block is in the future or more than 3 blocks old.
		StaleWork,
		/// The work does not match the hash of (block hash, hotkey, coldkey, nonce).
		InvalidSeal,
		/// The seal does not meet the subnet's difficulty.
		InsufficientWork,
		/// This seal was used already.
		WorkAlreadyUsed,
		/// The hotkey holds no uid in this subnet.
		NotRegistered,
		/// The IP type is neither 4 nor 6.
		InvalidIpType,
		/// The address is unspecified (0) or does not fit its IP type.
		InvalidIpAddress,
		/// Port 0 is not a port.
		InvalidPort,
		/// The protocol is neither 0 (TCP) nor 1 (UDP).
		InvalidProtocol,
		/// The hotkey served an endpoint less than `serving_rate_limit` blocks ago.
		ServingRateLimited,
		/// A commitment holds 1 to 256 bytes.
		InvalidCommitmentLength,
		/// The hotkey committed less than `CommitmentRateLimit` blocks ago.
		CommitmentRateLimited,
		/// The subnet's owner may not set this value: it would trap the
		/// subnet's participants (see the owner bounds). Root may.
		OutsideOwnerBounds,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			let now = Self::now();
			let subnets = u32::from(SubnetCount::<T>::get());
			let seals = Self::forget_old_work(now);
			Self::adjust_registration_costs(now);
			let mut weight = T::WeightInfo::on_initialize(subnets, seals);
			if Self::clear_dissolved() {
				weight.saturating_accrue(T::WeightInfo::clear_dissolved());
			}
			weight
		}

		fn integrity_test() {
			assert!(T::SubnetLimit::get() >= 2, "SubnetLimit must leave room for root and one subnet");
			assert!(T::NetworkMinLock::get() > 0, "NetworkMinLock must be non-zero");
			assert!(T::NetworkLockDecayPeriod::get() > 0, "NetworkLockDecayPeriod must be non-zero");
			assert!(
				T::MaxRootMembers::get() > 0 && T::MaxRootMembers::get() <= MAX_UIDS_BOUND,
				"MaxRootMembers must be within 1..=MAX_UIDS_BOUND"
			);
			assert!(T::ClearPerBlock::get() > 0, "ClearPerBlock must be non-zero");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers a new subnet owned by the caller (a coldkey) at the lowest
		/// free netuid, holding the current network lock on the caller's account.
		/// When the subnet limit is reached, the non-immune subnet with the
		/// lowest emission is pruned first (its lock returned to its owner).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_network_pruning())]
		pub fn register_network(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
			let owner = ensure_signed(origin)?;
			Self::do_register_network(owner)
		}

		/// Dissolves a subnet (its owner, root, or a passed `subnets`
		/// referendum): the lock is returned at once, the subnet's state is
		/// removed over the following blocks.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::dissolve_network())]
		pub fn dissolve_network(origin: OriginFor<T>, netuid: NetUid) -> DispatchResult {
			ensure!(netuid != ROOT_NETUID, Error::<T>::CannotDissolveRoot);
			if T::GovernanceOrigin::try_origin(origin.clone()).is_err() {
				Self::ensure_owner_or_root(origin, netuid)?;
			}
			Self::do_dissolve(netuid, false)
		}

		/// Sets one hyperparameter of a subnet. Root may set any; the owner only
		/// those [`Hyperparameter::root_only`] says are not, at most once per two
		/// tempos each and not in the last 10 blocks before the subnet's epoch.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_hyperparameter())]
		pub fn set_hyperparameter(
			origin: OriginFor<T>,
			netuid: NetUid,
			value: Hyperparameter,
		) -> DispatchResult {
			let by_owner = Self::ensure_owner_or_root(origin, netuid)?.is_some();
			Self::do_set_hyperparameter(netuid, value, by_owner)
		}

		/// Registers `hotkey` on `netuid`, paying the subnet's current burn from
		/// the caller (a coldkey); the burned rao leave total issuance.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::burned_register(MAX_UIDS_BOUND.into()))]
		pub fn burned_register(
			origin: OriginFor<T>,
			netuid: NetUid,
			hotkey: T::AccountId,
		) -> DispatchResultWithPostInfo {
			let coldkey = ensure_signed(origin)?;
			Self::do_burned_register(netuid, coldkey, hotkey)
		}

		/// Registers `hotkey` on `netuid` with proof of work: `work` must be
		/// `blake2_256(SCALE(block_hash(block_number), hotkey, coldkey, nonce))`,
		/// the coldkey being the caller, for a block at most 3 blocks old, and
		/// meet the subnet's difficulty (see [`pow`]). The caller becomes the
		/// hotkey's owner if it has none; work made for another coldkey is
		/// `InvalidSeal`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::register(MAX_UIDS_BOUND.into()))]
		pub fn register(
			origin: OriginFor<T>,
			netuid: NetUid,
			block_number: u64,
			nonce: u64,
			work: [u8; 32],
			hotkey: T::AccountId,
		) -> DispatchResultWithPostInfo {
			let coldkey = ensure_signed(origin)?;
			Self::do_pow_register(netuid, coldkey, hotkey, block_number, nonce, work)
		}

		/// Puts `hotkey` in the root subnet: appended while there is room, else
		/// in place of the member with the least stake, if `hotkey` has more.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::root_register(T::MaxRootMembers::get().into()))]
		pub fn root_register(origin: OriginFor<T>, hotkey: T::AccountId) -> DispatchResultWithPostInfo {
			let coldkey = ensure_signed(origin)?;
			Self::do_root_register(coldkey, hotkey)
		}

		/// Announces the axon of the calling hotkey on `netuid`. `ip_type` is 4
		/// or 6, `ip` the address as an integer (IPv4 in the low 32 bits),
		/// `protocol` 0 (TCP) or 1 (UDP).
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::serve_axon())]
		pub fn serve_axon(
			origin: OriginFor<T>,
			netuid: NetUid,
			version: u32,
			ip: u128,
			port: u16,
			ip_type: u8,
			protocol: u8,
		) -> DispatchResult {
			let hotkey = ensure_signed(origin)?;
			Self::do_serve_axon(netuid, hotkey, version, ip, port, ip_type, protocol)
		}

		/// Announces the Prometheus endpoint of the calling hotkey on `netuid`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::serve_prometheus())]
		pub fn serve_prometheus(
			origin: OriginFor<T>,
			netuid: NetUid,
			version: u32,
			ip: u128,
			port: u16,
			ip_type: u8,
		) -> DispatchResult {
			let hotkey = ensure_signed(origin)?;
			Self::do_serve_prometheus(netuid, hotkey, version, ip, port, ip_type)
		}

		/// Publishes up to 256 bytes from the calling hotkey on `netuid` (say a
		/// model's hash and where to fetch it), kept on chain.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::commit(data.len().try_into().unwrap_or(u32::MAX)))]
		pub fn commit(origin: OriginFor<T>, netuid: NetUid, data: Vec<u8>) -> DispatchResult {
			let hotkey = ensure_signed(origin)?;
			Self::do_commit(netuid, hotkey, data)
		}

		/// Creates a subnet owned by `owner` (a passed `subnets` referendum,
		/// or root): no lock, no network rate limit, and the lock price and
		/// rate limit users pay are left as they were. It starts with the
		/// new-subnet defaults changed by `hyperparameters`, applied in order,
		/// each within root's bounds (`ValueOutOfBounds` and the like
		/// otherwise). When the subnet limit is reached it is refused
		/// (`SubnetLimitReached`): a vote prunes no one's subnet.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::create_subnet(hyperparameters.len().try_into().unwrap_or(u32::MAX)))]
		pub fn create_subnet(
			origin: OriginFor<T>,
			owner: T::AccountId,
			hyperparameters: BoundedVec<Hyperparameter, ConstU32<MAX_PROPOSED_HYPERPARAMETERS>>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_create_subnet(owner, &hyperparameters)
		}

		/// Changes one hyperparameter new subnets start with (root, or a
		/// passed `parameters` referendum), within root's bounds. Live
		/// subnets keep theirs.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::set_subnet_default())]
		pub fn set_subnet_default(origin: OriginFor<T>, value: Hyperparameter) -> DispatchResult {
			T::ParametersOrigin::ensure_origin(origin)?;
			let mut defaults = SubnetDefaults::<T>::get().unwrap_or_default();
			value.check::<T>(&defaults, 0, MAX_UIDS_BOUND)?;
			let from = value.current(&defaults);
			value.apply(&mut defaults);
			SubnetDefaults::<T>::put(defaults);
			Self::deposit_event(Event::SubnetDefaultSet { from, to: value });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The current block as `u64`.
		pub(crate) fn now() -> u64 {
			use sp_runtime::SaturatedConversion;
			frame_system::Pallet::<T>::block_number().saturated_into::<u64>()
		}

		/// `Ok(None)` for root, `Ok(Some(owner))` for the subnet's owner; the
		/// subnet must exist.
		pub(crate) fn ensure_owner_or_root(
			origin: OriginFor<T>,
			netuid: NetUid,
		) -> Result<Option<T::AccountId>, DispatchError> {
			let who = match origin.into() {
				Ok(frame_system::RawOrigin::Root) => None,
				Ok(frame_system::RawOrigin::Signed(who)) => Some(who),
				_ => return Err(DispatchError::BadOrigin),
			};
			ensure!(Hyperparams::<T>::contains_key(netuid), Error::<T>::SubnetNotFound);
			if let Some(who) = &who {
				let owner = Networks::<T>::get(netuid).map(|n| n.owner);
				ensure!(owner.as_ref() == Some(who), Error::<T>::NotSubnetOwner);
			}
			Ok(who)
		}

		/// Root's hyperparameters at genesis: the defaults, sized for the root members.
		pub fn root_defaults() -> SubnetHyperparams {
			SubnetHyperparams { max_allowed_uids: T::MaxRootMembers::get(), ..Default::default() }
		}
	}
}
