//! # yuma-runtime
//!
//! The state transition function of yuma-chain, compiled to WASM by
//! substrate-wasm-builder and to native code for tests.
//!
//! Layout:
//! - `lib.rs` (this file): primitive types, the token, the version, and the pallets.
//! - [`configs`]: one `Config` impl per pallet.
//! - [`apis`]: the runtime APIs the node and polkadot.js call.
//! - [`genesis_config_presets`]: the `development` and `local_testnet` presets.

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime` expands to a large type; the default limit is not enough.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

use alloc::vec::Vec;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
pub mod queries;
/// Benchmarked weights (`make bench-runtime` rewrites them).
pub mod weights {
	pub mod frame_system;
	pub mod frame_system_extensions;
	pub mod pallet_balances;
	pub mod pallet_emission;
	pub mod pallet_governance;
	pub mod pallet_preimage;
	pub mod pallet_scheduler;
	pub mod pallet_stake;
	pub mod pallet_subnets;
	pub mod pallet_sudo;
	pub mod pallet_timestamp;
	pub mod pallet_transaction_payment;
	pub mod pallet_utility;
	pub mod pallet_validator_set;
	pub mod pallet_weights;
}
pub mod yuma_api;

use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;

/// Primitive types shared by the node and the runtime.
pub mod opaque {
	use super::*;
	use sp_runtime::traits::Hash as HashT;

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// The block header, as the node sees it.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// An opaque block: the node does not decode extrinsics.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// The block identifier.
	pub type BlockId = generic::BlockId<Block>;
	/// The hash type of blocks and state.
	pub type Hash = <BlakeTwo256 as HashT>::Output;

	impl_opaque_keys! {
		/// The session keys of a validator: an Aura key and a GRANDPA key.
		pub struct SessionKeys {
			pub aura: Aura,
			pub grandpa: Grandpa,
		}
	}
}

/// The runtime's identity. Bump `spec_version` on every change of logic,
/// `transaction_version` on every change of a call's index or arguments.
#[cfg(not(feature = "upgrade-test"))]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("yuma"),
	impl_name: alloc::borrow::Cow::Borrowed("yuma-node"),
	authoring_version: 1,
	spec_version: 113,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 2,
	system_version: 1,
};

/// The released runtime's `spec_version`: bump it with the literal above.
pub const RELEASED_SPEC_VERSION: u32 = 113;

/// The test upgrade's identity (`upgrade-test`, built by `make
/// upgrade-wasm`): the released runtime's, with `spec_version` one above.
/// (The version macro takes literals only, hence the second copy; the
/// assertion below keeps the two in step.)
#[cfg(feature = "upgrade-test")]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("yuma"),
	impl_name: alloc::borrow::Cow::Borrowed("yuma-node"),
	authoring_version: 1,
	spec_version: 114,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 2,
	system_version: 1,
};

const _: () = assert!(
	VERSION.spec_version == RELEASED_SPEC_VERSION + if cfg!(feature = "upgrade-test") { 1 } else { 0 },
	"spec_version and RELEASED_SPEC_VERSION disagree"
);

/// The token: TAO, with 9 decimals. The smallest unit is the rao.
pub mod currency {
	use super::Balance;

	/// Number of decimals of TAO.
	pub const DECIMALS: u8 = 9;
	/// The ticker shown by wallets.
	pub const SYMBOL: &str = "TAO";
	/// One rao, the indivisible unit.
	pub const RAO: Balance = 1;
	/// One TAO = 10^9 rao.
	pub const TAO: Balance = 1_000_000_000;
	/// 0.001 TAO.
	pub const MILLI_TAO: Balance = 1_000_000;
	/// The existential deposit: 500 rao. An account whose total balance falls
	/// below it is reaped.
	pub const EXISTENTIAL_DEPOSIT: Balance = 500 * RAO;
	/// The hard cap on the supply: 21,000,000 TAO.
	pub const TOTAL_SUPPLY_CAP: Balance = 21_000_000 * TAO;
}

/// Block time: Aura produces one block per slot of this length.
pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
/// Aura's slot duration is the block time.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

/// Blocks per minute, hour and day, for configuration constants.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day (7200 at 12 s, 14400 at 6 s).
pub const DAYS: BlockNumber = HOURS * 24;

/// The ss58 prefix of addresses: 42, the generic Substrate prefix.
pub const SS58_PREFIX: u16 = 42;

/// Block height.
pub type BlockNumber = u32;
/// A signature scheme that accepts sr25519, ed25519 and ecdsa.
pub type Signature = MultiSignature;
/// An account identifier: the public key behind a [`Signature`].
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// A balance in rao. u64 holds 21M TAO with room to spare (1.8 × 10^19 rao).
pub type Balance = u64;
/// The number of transactions an account has signed.
pub type Nonce = u32;
/// Block and state hash.
pub type Hash = sp_core::H256;
/// An address as written in a call: an account or an index.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// A full block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A block, signed by its justification.
pub type SignedBlock = generic::SignedBlock<Block>;
/// A block identifier.
pub type BlockId = generic::BlockId<Block>;

/// The checks every signed transaction passes, in order. All but one are
/// standard FRAME extensions; `CheckWeights` (pallet-weights) refuses the
/// `Weights` calls that would fail. It encodes to nothing and adds nothing
/// to the signed payload, so clients that read extensions from the
/// metadata (polkadot.js, substrate-interface) sign as before.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_weights::CheckWeights<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// An extrinsic as it arrives from the outside.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload a signer signs.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// What a runtime upgrade runs, before the first block of the new runtime.
///
/// Every release wraps its migrations in [`Untouched`](yuma_primitives::upgrade::Untouched),
/// naming the pallets it does not migrate: on chain that is just the
/// migrations; under try-runtime (and in `tests/upgrades.rs`) each named
/// pallet's storage is read before and after them and must not have changed
/// by a byte. A pallet whose storage a release converts leaves the list and
/// brings its own checks (its `migrations::vN`).
pub mod migrations {
	use super::*;
	use yuma_primitives::upgrade::Untouched;

	/// pallet-stake 0 → 1: vote-locked TAO that a chain before spec 110 left
	/// free is held (it changes holds, so Stake and Balances are not
	/// listed); a chain before spec 111 gets its session validators from its
	/// Aura and GRANDPA authorities
	/// ([`SeedSessionFromAuthorities`](configs::validators::SeedSessionFromAuthorities));
	/// the other pallets come through as they were.
	pub type Released = Untouched<
		(Subnets, Weights, Emission, Governance),
		(
			pallet_stake::migrations::v1::SettleVoteLocks<Runtime, configs::governance::LockedAccounts>,
			configs::validators::SeedSessionFromAuthorities,
		),
	>;

	/// The test upgrade (`upgrade-test`), from the released runtime:
	/// governance's storage version 0 → 1 (see
	/// `pallet_governance::migrations`); stake's v1 has run already, so
	/// everything else, Stake and Balances included, comes through as it
	/// was.
	pub type UpgradeTest = Untouched<
		(Balances, Subnets, Stake, Weights, Emission),
		(
			pallet_stake::migrations::v1::SettleVoteLocks<Runtime, configs::governance::LockedAccounts>,
			pallet_governance::migrations::v1::RecordUpgrade<Runtime, configs::governance::UpgradeTotals>,
		),
	>;
}

#[cfg(not(feature = "upgrade-test"))]
type Migrations = migrations::Released;
#[cfg(feature = "upgrade-test")]
type Migrations = migrations::UpgradeTest;

/// Dispatches extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

/// The pallets of the runtime. Indices are part of the transaction format:
/// never renumber one.
#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;
	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;
	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;
	#[runtime::pallet_index(7)]
	pub type Utility = pallet_utility;
	#[runtime::pallet_index(8)]
	pub type Subnets = pallet_subnets;
	#[runtime::pallet_index(9)]
	pub type Stake = pallet_stake;
	#[runtime::pallet_index(10)]
	pub type Weights = pallet_weights;
	#[runtime::pallet_index(11)]
	pub type Emission = pallet_emission;
	#[runtime::pallet_index(12)]
	pub type Preimage = pallet_preimage;
	#[runtime::pallet_index(13)]
	pub type Scheduler = pallet_scheduler;
	#[runtime::pallet_index(14)]
	pub type Referenda = pallet_referenda;
	#[runtime::pallet_index(15)]
	pub type ConvictionVoting = pallet_conviction_voting;
	#[runtime::pallet_index(16)]
	pub type Governance = pallet_governance;
	#[runtime::pallet_index(17)]
	pub type Senate = pallet_collective<Instance1>;
	// Declared before Session: its genesis list is read by Session's.
	#[runtime::pallet_index(18)]
	pub type ValidatorSet = pallet_validator_set;
	#[runtime::pallet_index(19)]
	pub type Authorship = pallet_authorship;
	#[runtime::pallet_index(20)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(21)]
	pub type Historical = pallet_session::historical;
	#[runtime::pallet_index(22)]
	pub type Offences = pallet_offences;
}
