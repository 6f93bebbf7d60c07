//! # pallet-emission
//!
//! Block emission, its split across subnets, and the epochs that pay it out.
//!
//! - **Block emission.** [`Config::BlockEmission`] (1 TAO) per block, halved
//!   each time total issuance plus the emission already promised crosses
//!   `cap/2`, `3cap/4`, `7cap/8`, … of [`Config::SupplyCap`] (21M TAO: 10.5M,
//!   15.75M, 18.375M, …), and never beyond the cap ([`Pallet::block_emission`]).
//! - **Pending emission.** Each block's emission is promised to the live
//!   subnets (root excluded) as `PendingEmission`, split by their shares
//!   (set by the root epoch; equal when root has no weights), exactly, with
//!   [`yuma_primitives::split_pro_rata`]. Nothing is minted until it is paid:
//!   pending emission is a promise, and `issuance + pending <= cap` always.
//! - **Epochs.** Subnet `netuid` runs its epoch at the blocks `b` with
//!   `(b + netuid + 1) % (tempo + 1) == 0`: this pallet gathers the inputs of
//!   YUMA.md (stake under the flash-stake rule, weights, bonds, permits,
//!   registration and update blocks, hyperparameters), calls
//!   [`yuma_consensus::epoch`], stores the metagraph, and pays: the owner's
//!   cut ([`Config::OwnerCut`], 18%) minted to the owner's coldkey, each uid's
//!   share as incentive (to its owner's stake) and dividends (take, then
//!   nominators) credited through [`yuma_primitives::StakeRewards`] (owed
//!   until pallet-stake mints them). What cannot be paid (nobody staked,
//!   unknown hotkeys) is recycled: never minted.
//! - **Epoch budget.** Epochs due in a block join [`EpochQueue`]; each block
//!   runs queued epochs in order while their estimated weight fits in
//!   [`Config::EpochBudget`] (the first always runs, so an epoch larger than
//!   the budget runs alone). A delayed epoch runs on the inputs as they stand
//!   then; its pending emission has kept accruing, so nothing is lost.
//! - **Root epoch.** On netuid 0 the root members are the validators and the
//!   subnets the "miners": the resulting incentive becomes each subnet's share.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
pub(crate) mod epoch;
mod invariants;
pub mod migrations;
mod queue;
mod supply;
pub mod weights;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use pallet::*;
pub use weights::WeightInfo;

/// The most uids a subnet may hold.
pub const MAX_UIDS: u32 = 4096;

/// The most epochs that may wait in the queue (beyond it, an epoch runs at
/// once, over the budget, rather than be skipped).
pub const MAX_QUEUED_EPOCHS: u32 = 1024;

// FRAME's generated code uses `expect` (on values it constructs); the
// pallet's own logic lives in the other modules, under the full lint set.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Balanced, Inspect, Mutate},
			BuildGenesisConfig,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::Perbill;
	use yuma_primitives::{EpochStake, NetUid, StakeRewards, SubnetRegistry, Uid, WeightsSource};

	/// The balance type: rao.
	pub type Balance = u64;

	/// A per-uid vector of the metagraph.
	pub type PerUid<V> = BoundedVec<V, ConstU32<MAX_UIDS>>;

	/// What a subnet's last epoch produced, by uid (proportions as `u16`,
	/// 65535 = 1.0; emission in rao).
	#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, Decode, TypeInfo, MaxEncodedLen)]
	pub struct Metagraph {
		/// Stake-weighted consensus of the weights on each uid.
		pub consensus: PerUid<u16>,
		/// Share of the miners' emission.
		pub incentive: PerUid<u16>,
		/// Share of the validators' emission.
		pub dividends: PerUid<u16>,
		/// Rank over prerank.
		pub trust: PerUid<u16>,
		/// How much of each validator's weight consensus kept.
		pub validator_trust: PerUid<u16>,
		/// Stake-weighted clipped weights.
		pub rank: PerUid<u16>,
		/// Rao paid (owner's cut excluded); also the pruning score.
		pub emission: PerUid<u64>,
		/// Validator permits for the next epoch.
		pub validator_permit: PerUid<bool>,
		/// Set weights within `activity_cutoff` blocks.
		pub active: PerUid<bool>,
	}

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

		/// Balances: the owner's cut is minted here; issuance is read here.
		type Currency: Mutate<Self::AccountId, Balance = Balance> + Balanced<Self::AccountId>;

		/// Subnets, uids and hyperparameters (pallet-subnets).
		type Registry: SubnetRegistry<Self::AccountId>;

		/// Epoch stake and reward entry points (pallet-stake).
		type Stake: EpochStake<Self::AccountId> + StakeRewards<Self::AccountId>;

		/// Validators' weights (pallet-weights).
		type Weights: WeightsSource;

		/// Emission per block before any halving (rao).
		#[pallet::constant]
		type BlockEmission: Get<Balance>;

		/// Total issuance never exceeds this (rao).
		#[pallet::constant]
		type SupplyCap: Get<Balance>;

		/// Share of each epoch's pending emission paid to the subnet owner.
		#[pallet::constant]
		type OwnerCut: Get<Perbill>;

		/// Most weight a block spends on epochs (at most half the block's
		/// maximum; `integrity_test` checks it). Due epochs beyond it wait in
		/// [`EpochQueue`]; an epoch larger than the budget alone runs alone.
		#[pallet::constant]
		type EpochBudget: Get<Weight>;
		/// Told after every root epoch (the runtime refreshes the senate).
		type OnRootEpoch: yuma_primitives::OnRootEpoch;

		/// The epoch's benchmarked cost.
		type WeightInfo: WeightInfo;

		/// Builds subnets for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: benchmarking::BenchmarkHelper<Self::AccountId>;
	}

	/// Emission promised to each subnet and not paid yet.
	#[pallet::storage]
	pub type PendingEmission<T: Config> = StorageMap<_, Identity, NetUid, Balance, ValueQuery>;

	/// Sum of `PendingEmission`.
	#[pallet::storage]
	pub type TotalPending<T: Config> = StorageValue<_, Balance, ValueQuery>;

	/// Each subnet's share of block emission from the last root epoch (absent
	/// for every subnet: equal shares).
	#[pallet::storage]
	pub type SubnetShare<T: Config> = StorageMap<_, Identity, NetUid, u64, OptionQuery>;

	/// Epochs due and not run yet, in the order they run: `(netuid, block
	/// due)`. Each block appends the subnets due in it (root first, then by
	/// netuid) and runs from the front while the budget allows.
	#[pallet::storage]
	pub type EpochQueue<T: Config> =
		StorageValue<_, BoundedVec<(NetUid, u64), ConstU32<MAX_QUEUED_EPOCHS>>, ValueQuery>;

	/// Block of each subnet's last epoch.
	#[pallet::storage]
	pub type LastEpochBlock<T: Config> = StorageMap<_, Identity, NetUid, u64, OptionQuery>;

	/// The metagraph of each subnet's last epoch.
	#[pallet::storage]
	pub type Metagraphs<T: Config> = StorageMap<_, Identity, NetUid, Metagraph, OptionQuery>;

	/// Bonds rows the last epoch stored, by validator uid.
	#[pallet::storage]
	pub type Bonds<T: Config> =
		StorageDoubleMap<_, Identity, NetUid, Identity, Uid, PerUid<(Uid, u16)>, OptionQuery>;

	/// Rao this pallet minted, ever (owners' cuts).
	#[pallet::storage]
	pub type TotalMinted<T: Config> = StorageValue<_, Balance, ValueQuery>;

	/// Rao credited to stake as rewards, ever (incentive and dividends):
	/// pallet-stake mints them when the positions are touched, and until then
	/// they are owed (`StakeRewards::ledger`).
	#[pallet::storage]
	pub type TotalCredited<T: Config> = StorageValue<_, Balance, ValueQuery>;

	/// Rao promised and then not minted (unpayable shares, dissolved subnets):
	/// recycled before ever existing.
	#[pallet::storage]
	pub type TotalRecycled<T: Config> = StorageValue<_, Balance, ValueQuery>;

	/// Block emission promised to subnets, ever: always
	/// `TotalPending + TotalMinted + TotalCredited + TotalRecycled`.
	#[pallet::storage]
	pub type TotalPromised<T: Config> = StorageValue<_, Balance, ValueQuery>;

	/// Rao taken out of total issuance through [`Recycler`]: registration
	/// burns, hotkey-swap fees, transaction fees, dust of reaped accounts.
	#[pallet::storage]
	pub type TotalBurned<T: Config> = StorageValue<_, Balance, ValueQuery>;

	/// Total issuance when the chain started: always `issuance ==
	/// GenesisIssuance + TotalMinted + rewards minted by stake - TotalBurned`.
	#[pallet::storage]
	pub type GenesisIssuance<T: Config> = StorageValue<_, Balance, ValueQuery>;

	/// Records the total issuance the genesis balances made (build this
	/// pallet's genesis after the balances').
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			GenesisIssuance::<T>::put(T::Currency::total_issuance());
		}
	}

	/// Why an owner cut was recycled.
	#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen)]
	pub enum OwnerCutRecycledReason {
		/// The epoch paid no miner and no validator (nobody staked or
		/// weighted): an empty or closed subnet earns its owner nothing.
		NothingPaid,
		/// The subnet has no owner.
		NoOwner,
		/// The owner's account could not take the rao (a cut below the
		/// existential deposit into an empty account).
		OwnerCannotReceive,
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A subnet's epoch ran.
		EpochCompleted {
			/// The subnet.
			netuid: NetUid,
			/// The block it was due (earlier than `block` when it waited in the queue).
			due: u64,
			/// The block it ran.
			block: u64,
			/// Rao paid by this epoch (the owner's cut minted, rewards credited).
			emitted: Balance,
		},
		/// Where an epoch's pending emission went.
		EpochPaid {
			/// The subnet.
			netuid: NetUid,
			/// The block it was due.
			due: u64,
			/// The block it ran.
			block: u64,
			/// The pending emission consumed.
			pending: Balance,
			/// To the owner's coldkey.
			owner_cut: Balance,
			/// To miners' owners, credited as stake.
			to_miners: Balance,
			/// To validators and their nominators, credited as stake.
			to_validators: Balance,
			/// Not minted.
			recycled: Balance,
		},
		/// The root epoch set the subnets' shares of block emission.
		SharesSet {
			/// `(netuid, share)`; all zero: equal shares.
			shares: alloc::vec::Vec<(NetUid, u64)>,
		},
		/// The engine refused an epoch's input (a bug); the pending emission was recycled.
		EpochFailed {
			/// The subnet.
			netuid: NetUid,
		},
		/// An epoch's owner cut was recycled, not minted (counted in its
		/// `EpochPaid.recycled`).
		OwnerCutRecycled {
			/// The subnet.
			netuid: NetUid,
			/// Rao.
			amount: Balance,
			/// Why.
			reason: OwnerCutRecycledReason,
		},
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			let now = Self::now();
			Self::accrue();
			let (subnets, epochs) = Self::run_due_epochs(now);
			// The block's own work (accrual, the due scan, the queue) by its
			// benchmark, and each epoch run by theirs.
			T::WeightInfo::block(subnets).saturating_add(epochs)
		}

		fn integrity_test() {
			assert!(T::BlockEmission::get() <= T::SupplyCap::get(), "BlockEmission above the cap");
			let max = <T as frame_system::Config>::BlockWeights::get().max_block;
			let budget = T::EpochBudget::get();
			assert!(
				budget.ref_time() <= max.ref_time().saturating_div(2) && budget.proof_size() <= max.proof_size().saturating_div(2),
				"EpochBudget above half the block"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	impl<T: Config> Pallet<T> {
		/// The current block as `u64`.
		pub(crate) fn now() -> u64 {
			use sp_runtime::SaturatedConversion;
			frame_system::Pallet::<T>::block_number().saturated_into::<u64>()
		}
	}
}

impl<T: Config> Pallet<T> {
	/// Counts `amount` rao in [`TotalBurned`]; the caller takes them out of
	/// total issuance. For burns that arrive as another pallet's imbalance
	/// type (a slashed referendum deposit).
	pub fn note_burned(amount: Balance) {
		TotalBurned::<T>::mutate(|b| *b = b.saturating_add(amount));
	}
}

/// Takes rao out of total issuance and counts them in [`TotalBurned`]: the
/// runtime routes every burn here (registration and swap fees, transaction
/// fees, dust), so that `issuance == GenesisIssuance + TotalMinted + rewards
/// minted by stake - TotalBurned`.
pub struct Recycler<T>(core::marker::PhantomData<T>);

impl<T: Config>
	frame_support::traits::OnUnbalanced<frame_support::traits::fungible::Credit<T::AccountId, T::Currency>>
	for Recycler<T>
{
	fn on_nonzero_unbalanced(amount: frame_support::traits::fungible::Credit<T::AccountId, T::Currency>) {
		use frame_support::traits::tokens::imbalance::Imbalance;
		Pallet::<T>::note_burned(amount.peek());
		// Dropping the credit lowers total issuance by the same amount.
		drop(amount);
	}
}
