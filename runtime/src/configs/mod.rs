//! One `Config` implementation per pallet (governance's in [`governance`]).

pub mod governance;
pub mod validators;

use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstBool, ConstU32, ConstU64, ConstU8, VariantCountOf},
	weights::{
		constants::{ParityDbWeight, WEIGHT_REF_TIME_PER_SECOND},
		ConstantMultiplier, Weight, WeightToFeeCoefficient, WeightToFeeCoefficients,
		WeightToFeePolynomial,
	},
};
use frame_system::limits::{BlockLength, BlockWeights};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::{traits::One, Perbill};
use sp_version::RuntimeVersion;

use super::{
	currency::{EXISTENTIAL_DEPOSIT, MILLI_TAO, TAO},
	AccountId, Aura, Balance, Balances, Block, BlockNumber, Hash, Nonce, OriginCaller, PalletInfo,
	Runtime, RuntimeCall, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, RuntimeOrigin,
	Emission, RuntimeTask, Stake, Subnets, System, Weights, SLOT_DURATION, SS58_PREFIX, VERSION,
};

/// Share of the block that ordinary (`Normal`) transactions may fill; the rest
/// is kept for operational calls and the block's own hooks.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// Longest block in bytes: 5 MiB.
const MAX_BLOCK_LENGTH: u32 = 5 * 1024 * 1024;

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: RuntimeVersion = VERSION;

	/// Two seconds of computation per 6-second block, at most.
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::with_sensible_defaults(
		Weight::from_parts(WEIGHT_REF_TIME_PER_SECOND.saturating_mul(2), u64::MAX),
		NORMAL_DISPATCH_RATIO,
	);
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(MAX_BLOCK_LENGTH)
		.modify_max_length_for_class(frame_support::dispatch::DispatchClass::Normal, |max| {
			*max = NORMAL_DISPATCH_RATIO.mul_floor(*max)
		})
		.build();
	pub const SS58Prefix: u16 = SS58_PREFIX;
}

/// `share` of a block's weight, in both time and proof size.
pub fn share_of_block(share: Perbill) -> Weight {
	let max = RuntimeBlockWeights::get().max_block;
	Weight::from_parts(share.mul_floor(max.ref_time()), share.mul_floor(max.proof_size()))
}

/// Every call but those that would change total issuance outside the
/// emission ledger (`issuance == genesis + minted - burned`, checked every
/// block): `Balances::burn`, `force_set_balance` and
/// `force_adjust_total_issuance`; and GRANDPA's signed
/// `report_equivocation`, which is free when it succeeds: with nothing
/// slashed, anyone holding a (dev) validator's key could sign equivocations
/// round after round and fill blocks and the offence records for nothing.
/// Reports come unsigned from the node that saw the equivocation
/// (`report_equivocation_unsigned`, accepted only from a local or in-block
/// source). Root dispatches bypass the filter.
pub struct LedgerSafeCalls;
impl frame_support::traits::Contains<RuntimeCall> for LedgerSafeCalls {
	fn contains(call: &RuntimeCall) -> bool {
		!matches!(
			call,
			RuntimeCall::Balances(
				pallet_balances::Call::burn { .. }
					| pallet_balances::Call::force_set_balance { .. }
					| pallet_balances::Call::force_adjust_total_issuance { .. }
			) | RuntimeCall::Grandpa(pallet_grandpa::Call::report_equivocation { .. })
		)
	}
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	/// ParityDB is the node's database.
	type DbWeight = ParityDbWeight;
	type BaseCallFilter = LedgerSafeCalls;
	type Version = Version;
	type SystemWeightInfo = crate::weights::frame_system::WeightInfo<Runtime>;
	/// What the nonce, era, weight and other checks of every transaction cost.
	type ExtensionsWeightInfo = crate::weights::frame_system_extensions::WeightInfo<Runtime>;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<{ validators::MAX_VALIDATORS }>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<{ validators::MAX_VALIDATORS }>;
	type MaxNominators = ConstU32<0>;
	/// One GRANDPA set id per session at least, for as many sessions as
	/// historical roots are kept.
	type MaxSetIdSessionEntries = ConstU64<{ validators::HISTORY_DEPTH as u64 }>;
	type KeyOwnerProof = sp_session::MembershipProof;
	type EquivocationReportSystem = validators::GrandpaReports;
}

impl pallet_timestamp::Config for Runtime {
	/// Milliseconds since the Unix epoch.
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = crate::weights::pallet_timestamp::WeightInfo<Runtime>;
}

impl pallet_balances::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type WeightInfo = crate::weights::pallet_balances::WeightInfo<Runtime>;
	type Balance = Balance;
	/// Dust of reaped accounts leaves total issuance, counted by Emission.
	type DustRemoval = pallet_emission::Recycler<Runtime>;
	type ExistentialDeposit = ConstU64<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type ReserveIdentifier = [u8; 8];
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ConstU32<50>;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type DoneSlashHandler = ();
}

/// Transaction fee for computation: 1 rao per 1,000 ps of reference time
/// (a plain transfer costs about 0.0002 TAO).
pub struct WeightToFee;
impl WeightToFeePolynomial for WeightToFee {
	type Balance = Balance;
	fn polynomial() -> WeightToFeeCoefficients<Balance> {
		smallvec::smallvec![WeightToFeeCoefficient {
			coeff_integer: 0,
			coeff_frac: Perbill::from_rational(1u32, 1_000u32),
			negative: false,
			degree: 1,
		}]
	}
}

parameter_types! {
	pub FeeMultiplier: Multiplier = Multiplier::one();
	/// Transaction fee for size: 0.000001 TAO per byte.
	pub const TransactionByteFee: Balance = MILLI_TAO / 1_000;
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Fees are withdrawn from the signer and burned (counted by Emission).
	type OnChargeTransaction = FungibleAdapter<Balances, pallet_emission::Recycler<Runtime>>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightToFee = WeightToFee;
	type LengthToFee = ConstantMultiplier<Balance, TransactionByteFee>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type WeightInfo = crate::weights::pallet_transaction_payment::WeightInfo<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = crate::weights::pallet_sudo::WeightInfo<Runtime>;
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type WeightInfo = crate::weights::pallet_utility::WeightInfo<Runtime>;
}

parameter_types! {
	/// Live subnets at most, root included.
	pub const SubnetLimit: u16 = 128;
	/// The root subnet holds the 64 hotkeys with the most stake.
	pub const MaxRootMembers: u16 = 64;
	/// Storage entries of dissolved subnets removed per block.
	pub const ClearPerBlock: u32 = 1_024;
}

// The network rate limit, minimum lock and its decay, subnet immunity,
// commitment rate limit, minimum stake, take increase interval, hotkey swap
// cost and owner cut are governance's chain parameters
// (`pallet_governance::ChainParameters`): the chain spec sets them, a
// `parameters` referendum changes them, within bounds.
pub use governance::{
	CommitmentRateLimit, HotkeySwapCost, MinStake, NetworkLockDecayPeriod, NetworkMinLock, NetworkRateLimit,
	OwnerCut, SubnetImmunityPeriod, TakeIncreaseInterval,
};

impl pallet_subnets::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type Recycle = pallet_emission::Recycler<Runtime>;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// Root membership goes by stake.
	type StakeInfo = Stake;
	/// Pallets with per-uid state: Stake (epoch stake snapshots), Weights (rows,
	/// commits), Emission (metagraph, bonds, pending emission).
	type Hooks = (Stake, (Weights, Emission));
	type SubnetLimit = SubnetLimit;
	type SubnetImmunityPeriod = SubnetImmunityPeriod;
	type NetworkRateLimit = NetworkRateLimit;
	type NetworkMinLock = NetworkMinLock;
	type NetworkLockDecayPeriod = NetworkLockDecayPeriod;
	type MaxRootMembers = MaxRootMembers;
	type ClearPerBlock = ClearPerBlock;
	type CommitmentRateLimit = CommitmentRateLimit;
	/// Root, or a passed referendum on the `subnets` track.
	type GovernanceOrigin = frame_support::traits::EitherOfDiverse<
		frame_system::EnsureRoot<AccountId>,
		pallet_governance::EnsureSubnets,
	>;
	/// Root, or a passed referendum on the `parameters` track.
	type ParametersOrigin = frame_support::traits::EitherOfDiverse<
		frame_system::EnsureRoot<AccountId>,
		pallet_governance::EnsureParameters,
	>;
	type WeightInfo = crate::weights::pallet_subnets::WeightInfo<Runtime>;
}

parameter_types! {
	/// Delegate take: 18% at most, and by default.
	pub const MaxTake: Perbill = Perbill::from_percent(18);
	/// Positions a coldkey may open by staking.
	pub const MaxPositionsPerColdkey: u32 = 64;
	/// A validator's dividends stream into its pool over 360 blocks (36 min
	/// at 6 s blocks: a default tempo, so stake earns by the block it stays).
	pub const RewardStreamBlocks: u64 = 360;
}

impl pallet_stake::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type Recycle = pallet_emission::Recycler<Runtime>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Registry = Subnets;
	type HotkeySwap = Subnets;
	type VoteLocks = governance::FrozenBalance;
	type MinStake = MinStake;
	type MaxTake = MaxTake;
	type TakeIncreaseInterval = TakeIncreaseInterval;
	type HotkeySwapCost = HotkeySwapCost;
	type MaxPositionsPerColdkey = MaxPositionsPerColdkey;
	type RewardStreamBlocks = RewardStreamBlocks;
	type WeightInfo = crate::weights::pallet_stake::WeightInfo<Runtime>;
}

impl pallet_weights::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Registry = Subnets;
	type StakeInfo = Stake;
	/// Permits as the last epoch granted them.
	type Permits = Emission;
	type MaxPendingCommits = ConstU32<10>;
	type WeightInfo = crate::weights::pallet_weights::WeightInfo<Runtime>;
}

parameter_types! {
	/// 1 TAO per block before halvings.
	pub const BlockEmission: Balance = TAO;
	/// 21,000,000 TAO.
	pub const SupplyCap: Balance = super::currency::TOTAL_SUPPLY_CAP;
	/// Epochs may use half of a block's weight; more wait for the next block.
	pub EpochBudget: Weight = share_of_block(Perbill::from_percent(50));
}

impl pallet_emission::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type Registry = Subnets;
	type Stake = Stake;
	type Weights = Weights;
	type BlockEmission = BlockEmission;
	type SupplyCap = SupplyCap;
	type OwnerCut = OwnerCut;
	type EpochBudget = EpochBudget;
	type OnRootEpoch = governance::SenateSync;
	type WeightInfo = crate::weights::pallet_emission::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = pallet_emission::benchmarking::Pallets<Runtime>;
}
