//! Block authors and GRANDPA voters: session keys (pallet-session, with
//! historical roots), the governed validator set (pallet-validator-set) and
//! GRANDPA equivocation reports (pallet-offences).
//!
//! - An operator sets the keys of its node (`author_rotateKeysWithOwner`,
//!   then `session.setKeys(keys, proof)`), holding [`KEY_DEPOSIT`] until it
//!   purges them.
//! - Root (sudo where there is one, else a `root` referendum) adds or
//!   removes it (`validatorSet.addValidator` / `removeValidator`); the set
//!   changes two session boundaries later and never falls below
//!   [`MIN_VALIDATORS`] by a call.
//! - A GRANDPA equivocation, proven against the session's historical root,
//!   is recorded by pallet-offences (`offences.Offence` event). Nothing is
//!   slashed or disabled: TAO staked on this chain backs subnets and votes,
//!   not block production; governance decides whether to remove the
//!   offender.

use frame_support::{parameter_types, traits::ConstU32};
use sp_runtime::traits::{ConvertInto, OpaqueKeys};

use super::super::{
	currency::TAO, opaque::SessionKeys, AccountId, Aura, Balance, Balances, BlockNumber, Historical,
	Offences, Runtime, RuntimeCall, RuntimeEvent, Session, UncheckedExtrinsic, ValidatorSet,
};

/// The fewest validators a removal may leave: with 2, a vote cannot reduce
/// the chain to one machine.
pub const MIN_VALIDATORS: u32 = 2;
/// The most validators (Aura's and GRANDPA's `MaxAuthorities`).
pub const MAX_VALIDATORS: u32 = 32;
/// Held from an account while it has session keys: `session.setKeys` by
/// anyone otherwise costs one fee for a storage entry kept forever.
pub const KEY_DEPOSIT: Balance = TAO;
/// Blocks per session unless the chain spec says otherwise (one hour).
pub const DEFAULT_SESSION_LENGTH: BlockNumber = 600;
/// Past sessions whose validator sets stay provable (and how many GRANDPA
/// set ids map to a session): a day of one-hour sessions.
pub const HISTORY_DEPTH: u32 = 24;

parameter_types! {
	pub const KeyDeposit: Balance = KEY_DEPOSIT;
}

/// Sessions of `validatorSet.sessionLength` blocks, ending where the block
/// number is a multiple of it.
pub type Sessions = pallet_session::PeriodicSessions<pallet_validator_set::Period<Runtime>, ConstU32<0>>;

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = Sessions;
	type NextSessionRotation = Sessions;
	type SessionManager = pallet_session::historical::NoteHistoricalRoot<Runtime, ValidatorSet>;
	type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	/// No offence handler disables anyone (see the module's doc).
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = KeyDeposit;
}

impl pallet_session::historical::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// A validator is identified by its account alone: no exposure to slash.
	type FullIdentification = AccountId;
	type FullIdentificationOf = ConvertInto;
}

impl pallet_validator_set::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AdminOrigin = frame_system::EnsureRoot<AccountId>;
	type MinValidators = ConstU32<MIN_VALIDATORS>;
	type MaxValidators = ConstU32<MAX_VALIDATORS>;
	type DefaultSessionLength = ConstU32<DEFAULT_SESSION_LENGTH>;
	type HistoryDepth = ConstU32<HISTORY_DEPTH>;
	type WeightInfo = crate::weights::pallet_validator_set::WeightInfo<Runtime>;
}

impl pallet_authorship::Config for Runtime {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Aura>;
	type EventHandler = ();
}

impl pallet_offences::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type IdentificationTuple = pallet_session::historical::IdentificationTuple<Self>;
	/// Recorded, not punished.
	type OnOffenceHandler = ();
}

/// Unsigned transactions built by the runtime (GRANDPA's equivocation
/// reports, submitted by the node that saw the equivocation).
impl<LocalCall> frame_system::offchain::CreateTransactionBase<LocalCall> for Runtime
where
	RuntimeCall: From<LocalCall>,
{
	type Extrinsic = UncheckedExtrinsic;
	type RuntimeCall = RuntimeCall;
}

impl<LocalCall> frame_system::offchain::CreateBare<LocalCall> for Runtime
where
	RuntimeCall: From<LocalCall>,
{
	fn create_bare(call: RuntimeCall) -> UncheckedExtrinsic {
		UncheckedExtrinsic::new_bare(call)
	}
}

/// GRANDPA's equivocation reports: proven against historical roots, recorded
/// by pallet-offences, valid for as long as the roots are kept.
pub type GrandpaReports = pallet_grandpa::EquivocationReportSystem<
	Runtime,
	Offences,
	Historical,
	pallet_validator_set::ReportLongevity<Runtime>,
>;

/// For a chain started before spec 111, which had no session pallet: its
/// Aura and GRANDPA authorities (set pairwise from one list by every preset)
/// become the session's validators, each the account of its Aura key (as
/// on the presets and zombienet's pre-session specs, where keys and account
/// share a seed). Without it the first boundary would hand nothing over
/// and the chain would keep its authorities with no way to change them.
///
/// All or nothing: if the two lists differ in length or any key is taken,
/// nothing is seeded (consensus then keeps its authorities, as unseeded).
/// It runs only while the validator set has never been fixed (the first
/// session boundary fixes it), so never again on a chain at 111.
///
/// The keys are set as pallet-session's external path sets them: no
/// deposit and no consumer reference, so such an account may be empty; to
/// set new keys itself later it needs the existential deposit and the key
/// deposit.
pub struct SeedSessionFromAuthorities;

impl frame_support::traits::OnRuntimeUpgrade for SeedSessionFromAuthorities {
	fn on_runtime_upgrade() -> frame_support::weights::Weight {
		use pallet_session::SessionInterface;
		let db = <Runtime as frame_system::Config>::DbWeight::get();
		if pallet_validator_set::Validators::<Runtime>::get().is_some()
			|| !pallet_session::Validators::<Runtime>::get().is_empty()
		{
			return db.reads(2);
		}
		let auras = pallet_aura::Authorities::<Runtime>::get();
		let grandpas = pallet_grandpa::Pallet::<Runtime>::grandpa_authorities();
		let seeds: alloc::vec::Vec<_> = auras
			.iter()
			.zip(grandpas.iter())
			.map(|(aura, (grandpa, _))| {
				let account = AccountId::from(<[u8; 32]>::from(aura.clone().into_inner()));
				(account, SessionKeys { aura: aura.clone(), grandpa: grandpa.clone() })
			})
			.collect();
		let count = u64::try_from(seeds.len()).unwrap_or(u64::MAX);
		// Per validator: the key checks and writes of NextKeys, two
		// KeyOwners and ExternallySetKeys.
		let weight = db.reads_writes(count.saturating_mul(3).saturating_add(4), count.saturating_mul(4).saturating_add(2));
		if auras.len() != grandpas.len() || seeds.is_empty() {
			log::error!(target: "runtime::validators", "not seeded: {} Aura and {} GRANDPA authorities", auras.len(), grandpas.len());
			return weight;
		}
		let seeded = frame_support::storage::with_storage_layer(|| {
			for (account, keys) in &seeds {
				<Session as SessionInterface>::set_keys(account, keys.clone())?;
			}
			Ok::<(), sp_runtime::DispatchError>(())
		});
		if let Err(e) = seeded {
			log::error!(target: "runtime::validators", "not seeded: {e:?}");
			return weight;
		}
		log::info!(target: "runtime::validators", "session seeded with {count} validators from Aura and GRANDPA");
		pallet_session::Validators::<Runtime>::put(seeds.iter().map(|(who, _)| who.clone()).collect::<alloc::vec::Vec<_>>());
		pallet_session::QueuedKeys::<Runtime>::put(seeds);
		weight
	}
}
