//! # pallet-stake
//!
//! Stake and delegation. A coldkey stakes TAO on a hotkey: its own (the
//! hotkey's owner, as pallet-subnets records it) or anyone's (then it is a
//! nominator). Staked TAO never leaves the coldkey's account: it is held there
//! under [`HoldReason::Staked`], so total issuance is always the sum of all
//! balances, and staking never changes it.
//!
//! - **Share pools.** The stake on a hotkey is one [`Pool`]; each position
//!   `(pool, coldkey)` owns shares of it. Rewards raise the pool's value, not
//!   the positions: paying a validator's dividends or a miner's incentive
//!   writes the pool alone, whatever the number of nominators (there is no
//!   cap on them): the hotkey owner's position, which receives the take and
//!   incentive, is kept in the pool record itself. A position's value is
//!   `max(base, floor(shares × value / total shares))`, `base` being its
//!   worth when it last changed plus what came in then (never below its hold).
//! - **Owed, then minted.** Rewards are credited to pools as owed rao
//!   ([`TotalOwed`]) and minted onto a position's hold when its coldkey next
//!   touches it (stake, unstake, move, [`Pallet::claim`]). Until then they
//!   count as its stake everywhere: in the pool's value, in the epoch's
//!   stake, in the runtime APIs. Rewards compound: they buy no shares, they
//!   raise the worth of every share.
//! - **Time-fair dividends.** A validator's dividends (after the take) are
//!   not added at once: they stream into its pool over
//!   [`Config::RewardStreamBlocks`] blocks, one equal slice per block, and
//!   each slice goes to the shares present in that block. Stake that stays a
//!   few blocks gets a few slices, never a whole epoch's dividends.
//! - Every hotkey takes nominations. Its take (the share of its dividends its
//!   owner keeps) starts at [`Config::MaxTake`], may be lowered any time and
//!   raised only [`Config::TakeIncreaseInterval`] blocks after its last
//!   change, up or down (so the first increase too waits that long after
//!   the decrease that made room for it).
//! - **Flash-stake defence for consensus** ([`yuma_primitives::EpochStake`]):
//!   a subnet's epoch counts for each uid the smaller of its hotkey's stake
//!   now and at the subnet's previous epoch (0 for a uid new since then).
//! - [`Pallet::swap_hotkey`] re-points a hotkey's pool, uids and take to a
//!   new key, for a fee that is burned: O(1), whatever the nominators.
//!
//! Invariants (checked by `try_state`, after every test):
//! - each pool's shares, held rao and staker count are those of its
//!   positions; its value covers what its positions are worth and their hold;
//! - each coldkey's `Staked` hold is the rao its positions hold;
//! - `TotalStake` is every pool's held rao, `TotalOwed` every pool's value
//!   beyond its hold plus its unreleased stream;
//! - no position's base is below its hold; no pool owner's position is in
//!   [`Stake`] (it is in the pool);
//! - the hotkey index and the position index match the pools and positions.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod epoch;
mod invariants;
pub mod pool;
mod rewards;
mod staking;
mod swap;
mod take;
mod vote_lock;
pub mod migrations;
pub mod weights;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use pallet::*;
pub use pool::{Mark, Pool, PoolId, Position, Stream};
pub use vote_lock::VoteLocks;
pub use weights::WeightInfo;

// FRAME's generated code uses `expect` (on values it constructs); the
// pallet's own logic lives in the other modules, under the full lint set.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Balanced, Credit, InspectHold, Mutate, MutateHold, Unbalanced, UnbalancedHold},
			OnUnbalanced,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::Perbill;
	use yuma_primitives::{HotkeySwap, NetUid, SubnetRegistry};

	/// The balance type: rao.
	pub type Balance = u64;

	/// The layout version of this pallet's storage: bumped, with a
	/// migration, by every change of it.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Staked on a hotkey.
		Staked,
		/// Unstaked while a vote's lock still covers it: held, so that no
		/// other hold can stand under the lock, until the lock shrinks. It
		/// does not vote. (See the `vote_lock` module.)
		VoteLocked,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// Balances: holds stake, mints rewards, takes swap fees.
		type Currency: Mutate<Self::AccountId, Balance = Balance>
			+ Balanced<Self::AccountId>
			+ Unbalanced<Self::AccountId>
			+ UnbalancedHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ InspectHold<Self::AccountId, Balance = Balance>;

		/// Receives hotkey-swap fees (withdrawn from the coldkey; dropping
		/// them takes them out of total issuance). The runtime counts them.
		type Recycle: OnUnbalanced<Credit<Self::AccountId, Self::Currency>>;

		/// The runtime's hold reasons, of which [`HoldReason`] is one.
		type RuntimeHoldReason: From<HoldReason>;

		/// Who owns a hotkey (pallet-subnets).
		type Registry: SubnetRegistry<Self::AccountId>;

		/// Moves a hotkey's registrations on a swap (pallet-subnets).
		type HotkeySwap: HotkeySwap<Self::AccountId>;

		/// What each account's locks freeze (the runtime: conviction
		/// voting's lock); `()` for none.
		type VoteLocks: VoteLocks<Self::AccountId>;

		/// Least stake of a position after a user action (rao). Non-zero.
		#[pallet::constant]
		type MinStake: Get<Balance>;

		/// Highest take, and every hotkey's take until its owner lowers it.
		#[pallet::constant]
		type MaxTake: Get<Perbill>;

		/// Blocks between two take increases of a hotkey.
		#[pallet::constant]
		type TakeIncreaseInterval: Get<u64>;

		/// Rao burned by a hotkey swap.
		#[pallet::constant]
		type HotkeySwapCost: Get<Balance>;

		/// Most positions a coldkey may open by staking (rewards may add more;
		/// `unstake_all` closes at most this many per call).
		#[pallet::constant]
		type MaxPositionsPerColdkey: Get<u32>;

		/// Blocks over which a validator's dividends stream into its pool, one
		/// equal slice a block (non-zero). Dividends that arrive while a stream
		/// runs join what is left of it, and the whole restarts over this many
		/// blocks.
		#[pallet::constant]
		type RewardStreamBlocks: Get<u64>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// The pool of each hotkey that has stake on it: the stake, its shares,
	/// its owner's position and its reward stream. Keyed by hotkey, so an
	/// epoch reads one record per uid for its stake and writes the same one
	/// to pay it.
	#[pallet::storage]
	pub type Pools<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, Pool<T::AccountId>, OptionQuery>;

	/// The hotkey of each pool id (the index from a position to its pool).
	#[pallet::storage]
	pub type PoolHotkey<T: Config> = StorageMap<_, Identity, PoolId, T::AccountId, OptionQuery>;

	/// The block the last root epoch ran (its stake was taken): root seats
	/// count the lowest value a pool held since the root epoch before it
	/// ([`Pool::seat_value`]).
	#[pallet::storage]
	pub type RootEpochAt<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// The block the root epoch before the last ran (0: none).
	#[pallet::storage]
	pub type PrevRootEpochAt<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// The id the next pool gets.
	#[pallet::storage]
	pub type NextPoolId<T: Config> = StorageValue<_, PoolId, ValueQuery>;

	/// Each `(pool, coldkey)` position: its shares and the rao it holds.
	/// The position of a pool's owner is not here but in the pool
	/// ([`Pool::own`]); [`Pallet::all_positions`] lists both.
	#[pallet::storage]
	pub type Stake<T: Config> =
		StorageDoubleMap<_, Identity, PoolId, Blake2_128Concat, T::AccountId, Position, OptionQuery>;

	/// The pools each coldkey has a position in (an index of [`Stake`] and of
	/// the owners' positions kept in pools).
	#[pallet::storage]
	pub type Positions<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Identity, PoolId, (), OptionQuery>;

	/// Number of positions of each coldkey.
	#[pallet::storage]
	pub type PositionCount<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// All stake held on coldkeys (the sum of every `Staked` hold).
	#[pallet::storage]
	pub type TotalStake<T: Config> = StorageValue<_, Balance, ValueQuery>;

	/// Rewards credited to pools and not minted yet: released into pools'
	/// value beyond their hold, or still streaming.
	#[pallet::storage]
	pub type TotalOwed<T: Config> = StorageValue<_, Balance, ValueQuery>;

	/// Rewards minted onto positions' holds, ever.
	#[pallet::storage]
	pub type TotalRewardsMinted<T: Config> = StorageValue<_, Balance, ValueQuery>;

	/// Rewards credited and then owed to nobody (a pool whose last share left
	/// with rao still streaming, or dust below a rao), never minted.
	#[pallet::storage]
	pub type TotalForfeited<T: Config> = StorageValue<_, Balance, ValueQuery>;

	/// Take of each hotkey that changed it (others: `MaxTake`).
	#[pallet::storage]
	pub type Takes<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, Perbill, OptionQuery>;

	/// Block of each hotkey's last take change (increase or decrease).
	#[pallet::storage]
	pub type LastTakeChange<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, u64, OptionQuery>;

	/// Stake each uid's hotkey had at its subnet's last epoch, by uid (one
	/// value per subnet: an epoch reads and writes it once).
	#[pallet::storage]
	pub type EpochStakeSnapshot<T: Config> =
		StorageMap<_, Identity, NetUid, BoundedVec<Balance, ConstU32<4096>>, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A coldkey staked on a hotkey.
		StakeAdded {
			/// The staker.
			coldkey: T::AccountId,
			/// The hotkey staked on.
			hotkey: T::AccountId,
			/// Rao added.
			amount: Balance,
			/// The position now.
			position: Balance,
		},
		/// A coldkey unstaked; the rao are free on its account again.
		StakeRemoved {
			/// The staker.
			coldkey: T::AccountId,
			/// The hotkey.
			hotkey: T::AccountId,
			/// Rao released.
			amount: Balance,
			/// The position left (0: closed).
			position: Balance,
		},
		/// A coldkey moved stake between hotkeys (nothing was released).
		StakeMoved {
			/// The staker.
			coldkey: T::AccountId,
			/// The hotkey it left.
			from: T::AccountId,
			/// The hotkey it joined.
			to: T::AccountId,
			/// Rao moved.
			amount: Balance,
		},
		/// Rewards a position had earned were minted onto its hold.
		RewardsStaked {
			/// The staker.
			coldkey: T::AccountId,
			/// The hotkey.
			hotkey: T::AccountId,
			/// Rao minted.
			amount: Balance,
		},
		/// A hotkey's take went down.
		TakeDecreased {
			/// The hotkey.
			hotkey: T::AccountId,
			/// The take before.
			from: Perbill,
			/// The take now.
			to: Perbill,
		},
		/// A hotkey's take went up.
		TakeIncreased {
			/// The hotkey.
			hotkey: T::AccountId,
			/// The take before.
			from: Perbill,
			/// The take now.
			to: Perbill,
		},
		/// A hotkey's registrations, stake and take moved to a new hotkey.
		HotkeySwapped {
			/// The owner.
			coldkey: T::AccountId,
			/// The old hotkey.
			old_hotkey: T::AccountId,
			/// The new hotkey.
			new_hotkey: T::AccountId,
			/// Rao burned.
			fee: Balance,
		},
		/// A validator's dividends were credited: the take to its owner's
		/// position, the rest into the pool's stream.
		DividendsCredited {
			/// The validator's hotkey.
			hotkey: T::AccountId,
			/// Rao in all.
			amount: Balance,
			/// Of which the owner's take.
			take: Balance,
			/// The block by which the pool's stream will have released everything.
			stream_end: u64,
		},
		/// A miner's incentive was credited to its owner's position.
		IncentiveCredited {
			/// The miner's hotkey.
			hotkey: T::AccountId,
			/// Its owner.
			owner: T::AccountId,
			/// Rao.
			amount: Balance,
		},
		/// Rewards of a pool were owed to nobody and will never be minted.
		RewardsForfeited {
			/// The hotkey.
			hotkey: T::AccountId,
			/// Rao.
			amount: Balance,
		},
		/// (Added in spec 110, last, so that earlier events keep their
		/// indices.) Unstaked TAO that a vote's lock still covers, held as
		/// `VoteLocked` until the lock shrinks.
		VoteLockHeld {
			/// The coldkey.
			coldkey: T::AccountId,
			/// Rao newly held.
			amount: Balance,
		},
		/// TAO no vote's lock covers any more, released to the free balance.
		VoteLockReleased {
			/// The coldkey.
			coldkey: T::AccountId,
			/// Rao released.
			amount: Balance,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// An amount of 0.
		AmountZero,
		/// The hotkey has no owner: it was never registered.
		HotkeyNotFound,
		/// The coldkey cannot pay this and keep its account alive.
		InsufficientBalance,
		/// The position would hold less than the minimum stake.
		BelowMinimumStake,
		/// The position holds less than the amount.
		NotEnoughStake,
		/// The coldkey has no stake (on this hotkey).
		NoStake,
		/// The coldkey has as many positions as it may open.
		TooManyPositions,
		/// Moving stake needs two different hotkeys.
		SameHotkey,
		/// The hotkey belongs to another coldkey.
		NotHotkeyOwner,
		/// The take must go the way the call says, and not above the maximum.
		TakeOutOfRange,
		/// The take changed less than `TakeIncreaseInterval` blocks ago.
		TakeIncreaseTooSoon,
		/// The new hotkey is the old one, or already has an owner.
		NewHotkeyInUse,
		/// A pool's arithmetic would overflow (more shares than a `u128` holds).
		PoolOverflow,
		/// Rewards are minted onto the coldkey's hold, and a coldkey that holds
		/// nothing needs the existential deposit free to receive them. (A
		/// signed caller always has it: fees never take it.)
		NoExistentialDeposit,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MinStake::get() > 0, "MinStake must be non-zero");
			assert!(T::MaxPositionsPerColdkey::get() > 0, "MaxPositionsPerColdkey must be non-zero");
			assert!(T::RewardStreamBlocks::get() > 0, "RewardStreamBlocks must be non-zero");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Stakes `amount` of the caller's (a coldkey's) free balance on
		/// `hotkey`; the rao stay on the caller's account, held.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::add_stake())]
		pub fn add_stake(origin: OriginFor<T>, hotkey: T::AccountId, amount: Balance) -> DispatchResult {
			let coldkey = ensure_signed(origin)?;
			Self::do_add_stake(coldkey, hotkey, amount)
		}

		/// Unstakes `amount` from the caller's position on `hotkey` (all of it
		/// if less than the minimum would remain). Rewards it had earned are
		/// minted onto it first, so they can be unstaked too.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_stake())]
		pub fn remove_stake(origin: OriginFor<T>, hotkey: T::AccountId, amount: Balance) -> DispatchResult {
			let coldkey = ensure_signed(origin)?;
			Self::do_remove_stake(coldkey, hotkey, amount)
		}

		/// Unstakes every position of the caller (at most
		/// `MaxPositionsPerColdkey` per call).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::unstake_all(T::MaxPositionsPerColdkey::get()))]
		pub fn unstake_all(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
			let coldkey = ensure_signed(origin)?;
			Self::do_unstake_all(coldkey)
		}

		/// Moves `amount` of the caller's stake from one hotkey to another
		/// (all of it if less than the minimum would remain).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::move_stake())]
		pub fn move_stake(
			origin: OriginFor<T>,
			from_hotkey: T::AccountId,
			to_hotkey: T::AccountId,
			amount: Balance,
		) -> DispatchResult {
			let coldkey = ensure_signed(origin)?;
			Self::do_move_stake(coldkey, from_hotkey, to_hotkey, amount)
		}

		/// Lowers the take of a hotkey the caller owns.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::decrease_take())]
		pub fn decrease_take(origin: OriginFor<T>, hotkey: T::AccountId, take: Perbill) -> DispatchResult {
			let coldkey = ensure_signed(origin)?;
			Self::do_set_take(coldkey, hotkey, take, false)
		}

		/// Raises the take of a hotkey the caller owns, up to `MaxTake`, at
		/// most once per `TakeIncreaseInterval` blocks.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::increase_take())]
		pub fn increase_take(origin: OriginFor<T>, hotkey: T::AccountId, take: Perbill) -> DispatchResult {
			let coldkey = ensure_signed(origin)?;
			Self::do_set_take(coldkey, hotkey, take, true)
		}

		/// Moves everything of hotkey `old` (owned by the caller) to `new`, a
		/// hotkey nobody owns yet: its uids, endpoints, stake pool and take.
		/// Burns `HotkeySwapCost` from the caller.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::swap_hotkey(T::HotkeySwap::max_subnets()))]
		pub fn swap_hotkey(
			origin: OriginFor<T>,
			old: T::AccountId,
			new: T::AccountId,
		) -> DispatchResultWithPostInfo {
			let coldkey = ensure_signed(origin)?;
			Self::do_swap_hotkey(coldkey, old, new)
		}

		/// Mints the rewards the caller's position on `hotkey` has earned onto
		/// its hold (they count as its stake either way; any other call on the
		/// position does this too). `RewardsStaked` says how much.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::claim())]
		pub fn claim(origin: OriginFor<T>, hotkey: T::AccountId) -> DispatchResult {
			let coldkey = ensure_signed(origin)?;
			Self::do_claim(coldkey, hotkey)
		}
	}

	impl<T: Config> Pallet<T> {
		/// The current block as `u64`.
		pub(crate) fn now() -> u64 {
			use sp_runtime::SaturatedConversion;
			frame_system::Pallet::<T>::block_number().saturated_into::<u64>()
		}

		/// All stake held by `coldkey`: its `Staked` hold (rewards owed to it
		/// and not minted yet are not in it; see [`Self::position_value`]).
		pub fn total_coldkey_stake(coldkey: &T::AccountId) -> Balance {
			T::Currency::balance_on_hold(&HoldReason::Staked.into(), coldkey)
		}

		/// The take of `hotkey` (`MaxTake` unless lowered).
		pub fn take_of(hotkey: &T::AccountId) -> Perbill {
			Takes::<T>::get(hotkey).unwrap_or_else(T::MaxTake::get)
		}
	}
}
