//! OpenGov: preimages, the scheduler, referenda in three tracks, and
//! conviction voting with staked TAO.
//!
//! - **Voting power is stake.** [`StakeVotes`] is conviction voting's
//!   currency: every operation is the balances pallet's, except that an
//!   account's "total balance" (what conviction voting lets it vote with) is
//!   its `Staked` hold. Unstaked TAO does not vote; a nominator's stake is
//!   held on the nominator and votes as the nominator's; the lock a vote
//!   puts on an account covers its held stake first, so staking and
//!   unstaking go on, but unstaked TAO cannot leave the account until the
//!   lock ends.
//! - **Support is measured against total stake** ([`TurnoutStake`]).
//! - **Tracks** ([`GovernanceTracks`]): `root` (0), `subnets` (1) and
//!   `parameters` (2). Their curves are here; their deposits and periods
//!   come from the chain spec through pallet-governance.

use alloc::borrow::Cow;
use frame_support::{
	parameter_types,
	traits::{
		fungible::HoldConsideration, tokens::imbalance::Imbalance, AsEnsureOriginWithArg, ConstU32,
		Currency, EqualPrivilegeOnly, Get, LinearStoragePrice, LockIdentifier, LockableCurrency, OnUnbalanced,
		ReservableCurrency, WithdrawReasons,
	},
	weights::Weight,
};
use frame_system::{EnsureRoot, EnsureSigned, RawOrigin};
use pallet_referenda::{Curve, Track, TrackInfo};
use sp_runtime::{str_array, DispatchError, DispatchResult, Perbill};

use super::share_of_block;
use crate::{
	currency::{MILLI_TAO, TAO},
	AccountId, Balance, Balances, BlockNumber, Governance, OriginCaller, Preimage, Referenda, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeHoldReason, RuntimeOrigin, Scheduler, System,
};

parameter_types! {
	/// A preimage costs 1 TAO plus 0.000001 TAO per byte, held until it is
	/// no longer needed.
	pub const PreimageBaseDeposit: Balance = TAO;
	pub const PreimageByteDeposit: Balance = MILLI_TAO / 1_000;
	pub const PreimageHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Preimage(pallet_preimage::HoldReason::Preimage);
}

impl pallet_preimage::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = crate::weights::pallet_preimage::WeightInfo<Runtime>;
	type Currency = Balances;
	type ManagerOrigin = EnsureRoot<AccountId>;
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		PreimageHoldReason,
		LinearStoragePrice<PreimageBaseDeposit, PreimageByteDeposit, Balance>,
	>;
}

parameter_types! {
	/// Scheduled calls (enacted referenda) may use 40% of a block; with
	/// epochs' half, the block's hooks stay under its weight.
	pub MaximumSchedulerWeight: Weight = share_of_block(Perbill::from_percent(40));
}

impl pallet_scheduler::Config for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type RuntimeEvent = RuntimeEvent;
	type PalletsOrigin = OriginCaller;
	type RuntimeCall = RuntimeCall;
	type MaximumWeight = MaximumSchedulerWeight;
	/// Only root schedules directly; referenda schedule through their own pallet.
	type ScheduleOrigin = EnsureRoot<AccountId>;
	type OriginPrivilegeCmp = EqualPrivilegeOnly;
	type MaxScheduledPerBlock = ConstU32<50>;
	type WeightInfo = crate::weights::pallet_scheduler::WeightInfo<Runtime>;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

/// Rao slashed from referendum deposits (a killed referendum) leave total
/// issuance through the emission ledger, like every other burn.
pub struct BurnSlashed;
impl OnUnbalanced<pallet_balances::NegativeImbalance<Runtime>> for BurnSlashed {
	fn on_nonzero_unbalanced(amount: pallet_balances::NegativeImbalance<Runtime>) {
		pallet_emission::Pallet::<Runtime>::note_burned(amount.peek());
		// Dropping the imbalance lowers total issuance by the same amount.
		drop(amount);
	}
}

/// A `Get` for each value of governance's storage: `Name: Type =
/// timings.field` (the chain spec's track settings) or `parameters.field`
/// (the chain's tunable rules).
macro_rules! governance_get {
	($($(#[$doc:meta])* $name:ident: $ty:ty = $source:ident.$field:ident;)*) => {$(
		$(#[$doc])*
		pub struct $name;
		impl Get<$ty> for $name {
			fn get() -> $ty {
				Governance::$source().$field
			}
		}
	)*};
}

governance_get! {
	/// The submission deposit the chain spec set.
	SubmissionDeposit: Balance = timings.submission_deposit;
	/// The undeciding timeout the chain spec set.
	UndecidingTimeout: BlockNumber = timings.undeciding_timeout;
	/// The alarm interval the chain spec set.
	AlarmInterval: BlockNumber = timings.alarm_interval;
	/// The vote locking period the chain spec set.
	VoteLockingPeriod: BlockNumber = timings.vote_locking_period;
}

pub use pallet_governance::{PARAMETERS_TRACK, ROOT_TRACK, SUBNETS_TRACK};

/// A curve from `ceil` at the start of the decision period down to `floor`
/// at its end.
const fn linear(ceil: u32, floor: u32) -> Curve {
	Curve::LinearDecreasing {
		length: Perbill::from_percent(100),
		floor: Perbill::from_percent(floor),
		ceil: Perbill::from_percent(ceil),
	}
}

/// Approval (conviction-weighted ayes over all votes) and support (ayes'
/// stake over total stake) each track needs, as curves over its decision
/// period. Root needs the most support.
fn curves(track: u16) -> (Curve, Curve) {
	match track {
		ROOT_TRACK => (linear(100, 50), linear(50, 10)),
		_ => (linear(100, 50), linear(25, 5)),
	}
}

/// The three tracks, with deposits and periods from [`Governance::timings`].
pub struct GovernanceTracks;
impl pallet_referenda::TracksInfo<Balance, BlockNumber> for GovernanceTracks {
	type Id = u16;
	type RuntimeOrigin = OriginCaller;

	fn tracks() -> impl Iterator<Item = Cow<'static, Track<u16, Balance, BlockNumber>>> {
		Governance::timings().tracks().into_iter().map(|(id, name, timing)| {
			let (min_approval, min_support) = curves(id);
			Cow::Owned(Track {
				id,
				info: TrackInfo {
					name: str_array(name),
					max_deciding: timing.max_deciding,
					decision_deposit: timing.decision_deposit,
					prepare_period: timing.prepare_period,
					decision_period: timing.decision_period,
					confirm_period: timing.confirm_period,
					min_enactment_period: timing.min_enactment_period,
					min_approval,
					min_support,
				},
			})
		})
	}

	fn track_for(origin: &OriginCaller) -> Result<u16, ()> {
		match origin {
			OriginCaller::system(RawOrigin::Root) => Ok(ROOT_TRACK),
			OriginCaller::Governance(pallet_governance::Origin::Subnets) => Ok(SUBNETS_TRACK),
			OriginCaller::Governance(pallet_governance::Origin::Parameters) => Ok(PARAMETERS_TRACK),
			_ => Err(()),
		}
	}
}

impl pallet_referenda::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_referenda::weights::SubstrateWeight<Runtime>;
	type Scheduler = Scheduler;
	type Currency = Balances;
	/// Anyone may submit, on the track its proposal's origin maps to.
	type SubmitOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	/// A veto: two thirds of the senate (or root) cancel a referendum, and
	/// its deposits are refunded.
	type CancelOrigin = SenateVeto;
	/// Killing also burns the deposits (through the emission ledger): the
	/// same two thirds of the senate, or root. A referendum submitted only
	/// to hold a track's deciding slot then costs its deposits.
	type KillOrigin = SenateVeto;
	type Slash = BurnSlashed;
	type Votes = Balance;
	type Tally = pallet_conviction_voting::TallyOf<Runtime>;
	type SubmissionDeposit = SubmissionDeposit;
	type MaxQueued = ConstU32<100>;
	type UndecidingTimeout = UndecidingTimeout;
	type AlarmInterval = AlarmInterval;
	type Tracks = GovernanceTracks;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

/// Support's denominator: all stake on the chain.
pub struct TurnoutStake;
impl Get<Balance> for TurnoutStake {
	fn get() -> Balance {
		pallet_stake::TotalStake::<Runtime>::get()
	}
}

impl pallet_conviction_voting::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_conviction_voting::weights::SubstrateWeight<Runtime>;
	type Currency = StakeVotes;
	type Polls = Referenda;
	type MaxTurnout = TurnoutStake;
	/// Referenda an account may vote on at once.
	type MaxVotes = ConstU32<512>;
	type VoteLockingPeriod = VoteLockingPeriod;
	type BlockNumberProvider = System;
	type VotingHooks = ();
}

/// Conviction voting's currency: the balances pallet, except that what an
/// account can vote with is its stake (`Stake::total_coldkey_stake`, the
/// `Staked` hold), not its balance. Conviction voting reads only
/// `total_balance` and sets locks; every other function is Balances' own.
pub struct StakeVotes;

type NegativeImbalance = <Balances as Currency<AccountId>>::NegativeImbalance;
type PositiveImbalance = <Balances as Currency<AccountId>>::PositiveImbalance;

impl Currency<AccountId> for StakeVotes {
	type Balance = Balance;
	type PositiveImbalance = PositiveImbalance;
	type NegativeImbalance = NegativeImbalance;

	/// The account's stake: the most it can vote with.
	fn total_balance(who: &AccountId) -> Balance {
		pallet_stake::Pallet::<Runtime>::total_coldkey_stake(who)
	}
	fn can_slash(who: &AccountId, value: Balance) -> bool {
		<Balances as Currency<AccountId>>::can_slash(who, value)
	}
	fn total_issuance() -> Balance {
		<Balances as Currency<AccountId>>::total_issuance()
	}
	fn minimum_balance() -> Balance {
		<Balances as Currency<AccountId>>::minimum_balance()
	}
	fn burn(amount: Balance) -> PositiveImbalance {
		<Balances as Currency<AccountId>>::burn(amount)
	}
	fn issue(amount: Balance) -> NegativeImbalance {
		<Balances as Currency<AccountId>>::issue(amount)
	}
	fn free_balance(who: &AccountId) -> Balance {
		<Balances as Currency<AccountId>>::free_balance(who)
	}
	fn ensure_can_withdraw(
		who: &AccountId,
		amount: Balance,
		reasons: WithdrawReasons,
		new_balance: Balance,
	) -> DispatchResult {
		<Balances as Currency<AccountId>>::ensure_can_withdraw(who, amount, reasons, new_balance)
	}
	fn transfer(
		source: &AccountId,
		dest: &AccountId,
		value: Balance,
		existence: frame_support::traits::ExistenceRequirement,
	) -> DispatchResult {
		<Balances as Currency<AccountId>>::transfer(source, dest, value, existence)
	}
	fn slash(who: &AccountId, value: Balance) -> (NegativeImbalance, Balance) {
		<Balances as Currency<AccountId>>::slash(who, value)
	}
	fn deposit_into_existing(who: &AccountId, value: Balance) -> Result<PositiveImbalance, DispatchError> {
		<Balances as Currency<AccountId>>::deposit_into_existing(who, value)
	}
	fn deposit_creating(who: &AccountId, value: Balance) -> PositiveImbalance {
		<Balances as Currency<AccountId>>::deposit_creating(who, value)
	}
	fn withdraw(
		who: &AccountId,
		value: Balance,
		reasons: WithdrawReasons,
		liveness: frame_support::traits::ExistenceRequirement,
	) -> Result<NegativeImbalance, DispatchError> {
		<Balances as Currency<AccountId>>::withdraw(who, value, reasons, liveness)
	}
	fn make_free_balance_be(
		who: &AccountId,
		balance: Balance,
	) -> frame_support::traits::SignedImbalance<Balance, PositiveImbalance> {
		<Balances as Currency<AccountId>>::make_free_balance_be(who, balance)
	}
}

/// After a vote's lock changed: unstaked TAO the lock covers is held as
/// `stake.VoteLocked`, and what it no longer covers is released (see
/// pallet-stake's `vote_lock`). A lock only grows up to the stake behind a
/// vote, and shrinks by releasing, so this cannot fail; if it ever did, the
/// lock itself still stands.
fn settle_vote_lock(who: &AccountId) {
	if let Err(e) = pallet_stake::Pallet::<Runtime>::settle_vote_lock(who) {
		log::error!(target: "runtime::governance", "vote lock of {who:?} not settled: {e:?}");
	}
}

/// What an account's locks freeze: `frozen` in its balances (conviction
/// voting's lock is the only lock in this runtime).
pub struct FrozenBalance;
impl pallet_stake::VoteLocks<AccountId> for FrozenBalance {
	fn frozen(who: &AccountId) -> Balance {
		frame_system::Account::<Runtime>::get(who).data.frozen
	}
}

/// Every account with a balances lock (conviction voting's is the only
/// lock): those pallet-stake's v1 migration settles.
pub struct LockedAccounts;
impl Get<alloc::vec::Vec<AccountId>> for LockedAccounts {
	fn get() -> alloc::vec::Vec<AccountId> {
		pallet_balances::Locks::<Runtime>::iter_keys().collect()
	}
}

impl ReservableCurrency<AccountId> for StakeVotes {
	fn can_reserve(who: &AccountId, value: Balance) -> bool {
		<Balances as ReservableCurrency<AccountId>>::can_reserve(who, value)
	}
	fn slash_reserved(who: &AccountId, value: Balance) -> (NegativeImbalance, Balance) {
		<Balances as ReservableCurrency<AccountId>>::slash_reserved(who, value)
	}
	fn reserved_balance(who: &AccountId) -> Balance {
		<Balances as ReservableCurrency<AccountId>>::reserved_balance(who)
	}
	fn reserve(who: &AccountId, value: Balance) -> DispatchResult {
		<Balances as ReservableCurrency<AccountId>>::reserve(who, value)
	}
	fn unreserve(who: &AccountId, value: Balance) -> Balance {
		<Balances as ReservableCurrency<AccountId>>::unreserve(who, value)
	}
	fn repatriate_reserved(
		slashed: &AccountId,
		beneficiary: &AccountId,
		value: Balance,
		status: frame_support::traits::BalanceStatus,
	) -> Result<Balance, DispatchError> {
		<Balances as ReservableCurrency<AccountId>>::repatriate_reserved(slashed, beneficiary, value, status)
	}
}

impl LockableCurrency<AccountId> for StakeVotes {
	type Moment = BlockNumber;
	type MaxLocks = <Balances as LockableCurrency<AccountId>>::MaxLocks;

	fn set_lock(id: LockIdentifier, who: &AccountId, amount: Balance, reasons: WithdrawReasons) {
		<Balances as LockableCurrency<AccountId>>::set_lock(id, who, amount, reasons);
		settle_vote_lock(who);
	}
	fn extend_lock(id: LockIdentifier, who: &AccountId, amount: Balance, reasons: WithdrawReasons) {
		<Balances as LockableCurrency<AccountId>>::extend_lock(id, who, amount, reasons);
		settle_vote_lock(who);
	}
	fn remove_lock(id: LockIdentifier, who: &AccountId) {
		<Balances as LockableCurrency<AccountId>>::remove_lock(id, who);
		settle_vote_lock(who);
	}
}

impl frame_support::traits::fungible::Inspect<AccountId> for StakeVotes {
	type Balance = Balance;

	fn total_issuance() -> Balance {
		<Balances as frame_support::traits::fungible::Inspect<AccountId>>::total_issuance()
	}
	fn minimum_balance() -> Balance {
		<Balances as frame_support::traits::fungible::Inspect<AccountId>>::minimum_balance()
	}
	/// The account's stake, as in [`Currency::total_balance`].
	fn total_balance(who: &AccountId) -> Balance {
		pallet_stake::Pallet::<Runtime>::total_coldkey_stake(who)
	}
	fn balance(who: &AccountId) -> Balance {
		<Balances as frame_support::traits::fungible::Inspect<AccountId>>::balance(who)
	}
	fn reducible_balance(
		who: &AccountId,
		preservation: frame_support::traits::tokens::Preservation,
		force: frame_support::traits::tokens::Fortitude,
	) -> Balance {
		<Balances as frame_support::traits::fungible::Inspect<AccountId>>::reducible_balance(who, preservation, force)
	}
	fn can_deposit(
		who: &AccountId,
		amount: Balance,
		provenance: frame_support::traits::tokens::Provenance,
	) -> frame_support::traits::tokens::DepositConsequence {
		<Balances as frame_support::traits::fungible::Inspect<AccountId>>::can_deposit(who, amount, provenance)
	}
	fn can_withdraw(who: &AccountId, amount: Balance) -> frame_support::traits::tokens::WithdrawConsequence<Balance> {
		<Balances as frame_support::traits::fungible::Inspect<AccountId>>::can_withdraw(who, amount)
	}
}

impl pallet_governance::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Root, or a passed referendum on the `parameters` track.
	type ParametersOrigin =
		frame_support::traits::EitherOfDiverse<EnsureRoot<AccountId>, pallet_governance::EnsureParameters>;
	type WeightInfo = crate::weights::pallet_governance::WeightInfo<Runtime>;
}

governance_get! {
	/// Blocks between two network registrations, chain-wide.
	NetworkRateLimit: u64 = parameters.network_rate_limit;
	/// The lowest network lock.
	NetworkMinLock: Balance = parameters.network_min_lock;
	/// Blocks over which a doubled network lock decays to the minimum.
	NetworkLockDecayPeriod: u64 = parameters.network_lock_decay_period;
	/// Blocks a new subnet cannot be pruned.
	SubnetImmunityPeriod: u64 = parameters.subnet_immunity_period;
	/// Blocks between two commitments of a hotkey on a subnet.
	CommitmentRateLimit: u64 = parameters.commitment_rate_limit;
	/// The least stake of a position.
	MinStake: Balance = parameters.min_stake;
	/// Blocks between two take increases.
	TakeIncreaseInterval: u64 = parameters.take_increase_interval;
	/// Rao a hotkey swap burns.
	HotkeySwapCost: Balance = parameters.hotkey_swap_cost;
	/// The subnet owner's cut of each epoch.
	OwnerCut: Perbill = parameters.owner_cut;
}

/// The senate's collective instance.
pub type SenateInstance = pallet_collective::Instance1;

parameter_types! {
	/// A senate motion (a veto) stays open for 3 days unless closed earlier.
	pub const SenateMotionDuration: BlockNumber = 3 * crate::DAYS;
	/// The senate has a seat per root member at most.
	pub const SenateMaxMembers: u32 = 64;
	/// Open senate motions at most: a seat's worth, and each senator has
	/// at most one open (`OneOpenMotion`), so every senator can always
	/// propose a veto.
	pub const SenateMaxProposals: u32 = 64;
	/// A motion's call may use half a block.
	pub SenateMaxProposalWeight: Weight = share_of_block(Perbill::from_percent(50));
}

impl pallet_collective::Config<SenateInstance> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = SenateMotionDuration;
	type MaxProposals = SenateMaxProposals;
	type MaxMembers = SenateMaxMembers;
	/// There is no prime member: a senator who did not vote counts as nay
	/// when a motion closes at the end of its duration.
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	/// Members are computed from root at every root epoch, never set by hand.
	type SetMembersOrigin = frame_support::traits::NeverEnsureOrigin<()>;
	type MaxProposalWeight = SenateMaxProposalWeight;
	type DisapproveOrigin = EnsureRoot<AccountId>;
	type KillOrigin = EnsureRoot<AccountId>;
	/// Only members propose, one open motion each; no deposit.
	type Consideration = OneOpenMotion;
}

const _: () = assert!(
	SenateMaxProposals::get() >= SenateMaxMembers::get(),
	"every senator must be able to hold an open motion"
);

/// What a senate motion "costs": nothing, but a senator whose earlier
/// motion is still open cannot open another
/// (`governance.SenatorHasOpenMotion`). So no member can fill the motion
/// slots and keep the others from proposing a veto. Motions that execute at
/// once (threshold 1) are not stored and not counted.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Debug,
	codec::Encode,
	codec::Decode,
	codec::DecodeWithMemTracking,
	codec::MaxEncodedLen,
	scale_info::TypeInfo,
)]
pub struct OneOpenMotion;

impl frame_support::traits::Consideration<AccountId, u32> for OneOpenMotion {
	fn new(who: &AccountId, _open: u32) -> Result<Self, DispatchError> {
		// At most `SenateMaxProposals` motions. The one being proposed is
		// already listed but not stored yet (no `ProposalOf`), and `CostOf`
		// keeps closed motions' proposers until someone releases them.
		let has_open = pallet_collective::Proposals::<Runtime, SenateInstance>::get().iter().any(|motion| {
			pallet_collective::ProposalOf::<Runtime, SenateInstance>::contains_key(motion)
				&& pallet_collective::CostOf::<Runtime, SenateInstance>::get(motion)
					.is_some_and(|(proposer, _)| proposer == *who)
		});
		frame_support::ensure!(!has_open, pallet_governance::Error::<Runtime>::SenatorHasOpenMotion);
		Ok(OneOpenMotion)
	}
	fn update(self, _: &AccountId, _: u32) -> Result<Self, DispatchError> {
		Ok(self)
	}
	fn drop(self, _: &AccountId) -> Result<(), DispatchError> {
		Ok(())
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn ensure_successful(_: &AccountId, _: u32) {}
}

/// Kept in the collective's `CostOf` with its proposer, which is how
/// [`OneOpenMotion::new`] finds a senator's open motion.
impl frame_support::traits::MaybeConsideration<AccountId, u32> for OneOpenMotion {
	fn is_none(&self) -> bool {
		false
	}
}

/// Fewest ayes a senate veto needs, whatever the senate's size: a senate of
/// one (a young root) cannot veto alone.
pub const SENATE_MIN_VETO_AYES: u32 = 2;

/// Two thirds of the senate's seats and at least [`SENATE_MIN_VETO_AYES`]
/// ayes.
pub struct SenateTwoThirds;
impl frame_support::traits::EnsureOrigin<RuntimeOrigin> for SenateTwoThirds {
	type Success = ();
	fn try_origin(o: RuntimeOrigin) -> Result<(), RuntimeOrigin> {
		use frame_support::traits::OriginTrait;
		match o.caller() {
			OriginCaller::Senate(pallet_collective::RawOrigin::Members(ayes, seats))
				if *ayes >= SENATE_MIN_VETO_AYES && ayes.saturating_mul(3) >= seats.saturating_mul(2) =>
			{
				Ok(())
			},
			_ => Err(o),
		}
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<RuntimeOrigin, ()> {
		Ok(pallet_collective::RawOrigin::<AccountId, SenateInstance>::Members(2, 2).into())
	}
}

/// Two thirds of the senate (at least two senators), or root: may cancel
/// (veto) or kill any referendum.
pub type SenateVeto = frame_support::traits::EitherOfDiverse<EnsureRoot<AccountId>, SenateTwoThirds>;

/// Refreshes the senate after each root epoch: its members are the
/// coldkeys owning root's hotkeys that hold at least root's
/// `validator_min_stake` (1 TAO by default: a hotkey root admitted with no
/// stake while it had room gets no seat), each once, so no seat outlives
/// the root membership it came from by more than a root tempo.
pub struct SenateSync;
impl yuma_primitives::OnRootEpoch for SenateSync {
	fn on_root_epoch() -> Weight {
		use frame_support::traits::ChangeMembers;
		use yuma_primitives::{StakeInfo, SubnetRegistry};
		let root = yuma_primitives::ROOT_NETUID;
		let min_stake = crate::Subnets::hyperparams(root).map_or(0, |h| h.validator_min_stake);
		let hotkeys = crate::Subnets::hotkeys(root);
		let reads = u64::try_from(hotkeys.len()).unwrap_or(u64::MAX).saturating_add(1);
		let mut members: alloc::vec::Vec<AccountId> = hotkeys
			.iter()
			.filter(|hotkey| crate::Stake::total_stake(hotkey) >= min_stake)
			.filter_map(crate::Subnets::hotkey_owner)
			.collect();
		members.sort();
		members.dedup();
		let old = pallet_collective::Members::<Runtime, SenateInstance>::get();
		// Per hotkey its stake and its owner; the hotkeys, the
		// hyperparameters, the members.
		let read = <Runtime as frame_system::Config>::DbWeight::get().reads(reads.saturating_mul(3));
		if members == old {
			return read;
		}
		<crate::Senate as ChangeMembers<AccountId>>::set_members_sorted(&members, &old);
		read.saturating_add(Self::change_weight()).saturating_add(Self::drop_outgoing_motions(&members))
	}

	fn max_weight() -> Weight {
		let hotkeys = u64::from(crate::configs::MaxRootMembers::get()).saturating_add(1);
		let motions = u64::from(SenateMaxProposals::get());
		<Runtime as frame_system::Config>::DbWeight::get()
			.reads(hotkeys.saturating_mul(3))
			.saturating_add(Self::change_weight())
			.saturating_add(<Runtime as frame_system::Config>::DbWeight::get().reads_writes(motions.saturating_add(1), motions.saturating_mul(3)))
	}
}

impl SenateSync {
	/// Disapproves the open motions of senators who just lost their seat:
	/// nobody holds a motion slot without a seat.
	fn drop_outgoing_motions(members: &[AccountId]) -> Weight {
		let motions = pallet_collective::Proposals::<Runtime, SenateInstance>::get();
		let reads = u64::try_from(motions.len()).unwrap_or(u64::MAX).saturating_add(1);
		let mut dropped = 0u64;
		for motion in motions {
			let outgoing = pallet_collective::CostOf::<Runtime, SenateInstance>::get(motion)
				.is_some_and(|(proposer, _)| members.binary_search(&proposer).is_err());
			if outgoing {
				crate::Senate::do_disapprove_proposal(motion);
				dropped = dropped.saturating_add(1);
			}
		}
		// The list, each motion's proposer; per dropped motion its call, its
		// votes and the list.
		<Runtime as frame_system::Config>::DbWeight::get().reads_writes(reads, dropped.saturating_mul(3))
	}

	/// Changing every member with every motion open (the collective's own
	/// benchmark of `set_members`).
	fn change_weight() -> Weight {
		use pallet_collective::WeightInfo;
		let (members, proposals) = (SenateMaxMembers::get(), SenateMaxProposals::get());
		pallet_collective::weights::SubstrateWeight::<Runtime>::set_members(members, members, proposals)
	}
}

/// The totals a runtime upgrade must leave as they were, for governance's
/// storage migration v1 (the test upgrade records them in
/// `governance.lastUpgrade`).
pub struct UpgradeTotals;

impl Get<pallet_governance::migrations::v1::ChainTotals> for UpgradeTotals {
	fn get() -> pallet_governance::migrations::v1::ChainTotals {
		pallet_governance::migrations::v1::ChainTotals {
			subnets: pallet_subnets::SubnetCount::<Runtime>::get().into(),
			total_stake: pallet_stake::TotalStake::<Runtime>::get().into(),
			total_issuance: pallet_balances::TotalIssuance::<Runtime>::get().into(),
		}
	}
}
