//! Genesis presets, served through `sp_genesis_builder`:
//!
//! - `development` (`--dev`): Alice is the only authority and the sudo key.
//! - `local_testnet` (`--chain local`): Alice and Bob are authorities, Alice is sudo.
//! - `governed` (`--chain governed`): Alice is the only authority and there is
//!   no sudo key: a referendum is the only root. Referenda are decided in
//!   minutes, as on `development`.
//!
//! `development` and `governed` take the fast governance timings
//! ([`GovernanceTimings::development`]) and a network rate limit of 10
//! blocks ([`ChainParameters::development`]); `local_testnet` the production
//! ones (a root referendum takes days, a network registration one a day).
//!
//! All endow the twelve well-known dev accounts (Alice … Ferdie and their
//! `//stash` accounts). Validators start through `session.keys` (account,
//! account, `{aura, grandpa}`), which zombienet rewrites for the validators
//! it launches; `validatorSet.sessionLength` sets the session length.
//! Subnets created on them start with tempo [`DEV_TEMPO`].

use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use crate::{
	currency::TAO, opaque::SessionKeys, AccountId, Balance, BalancesConfig, BlockNumber, GovernanceConfig,
	RuntimeGenesisConfig, SessionConfig, SubnetsConfig, SudoConfig, ValidatorSetConfig,
};
use pallet_governance::{ChainParameters, GovernanceTimings};
use yuma_primitives::SubnetHyperparams;

/// What every endowed dev account starts with: 100,000 TAO.
pub const DEV_ENDOWMENT: Balance = 100_000 * TAO;

/// Tempo of the subnets a dev chain creates: an epoch every 21 blocks
/// (about two minutes), so that a newcomer soon sees one pay out. (Not
/// shorter: owners cannot change hyperparameters in the 10 blocks before
/// an epoch.)
pub const DEV_TEMPO: u16 = 20;

/// The hyperparameters new subnets start with on the dev presets: the
/// defaults, with [`DEV_TEMPO`].
pub fn dev_subnet_defaults() -> SubnetHyperparams {
	SubnetHyperparams { tempo: DEV_TEMPO, ..SubnetHyperparams::default() }
}

/// Blocks per session on `development` and `governed`: two minutes, so a
/// validator added there authors within four.
pub const DEV_SESSION_LENGTH: BlockNumber = 20;

/// Blocks per session on `local_testnet`: five minutes.
pub const LOCAL_SESSION_LENGTH: BlockNumber = 50;

/// The name of the preset without a sudo key.
pub const GOVERNED_RUNTIME_PRESET: &str = "governed";

/// The genesis state of a chain with these validators (an account and its
/// session keys), sudo key (if any), endowed accounts, session length and
/// governance timings. Aura's and GRANDPA's authorities are the session
/// keys of the validators (their own genesis lists stay empty).
fn genesis(
	validators: Vec<(AccountId, AuraId, GrandpaId)>,
	endowed: Vec<AccountId>,
	root: Option<AccountId>,
	session_length: BlockNumber,
	timings: GovernanceTimings,
	parameters: ChainParameters,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed.into_iter().map(|who| (who, DEV_ENDOWMENT)).collect::<Vec<_>>(),
		},
		session: SessionConfig {
			keys: validators
				.into_iter()
				.map(|(who, aura, grandpa)| (who.clone(), who, SessionKeys { aura, grandpa }))
				.collect::<Vec<_>>(),
		},
		validator_set: ValidatorSetConfig { session_length: Some(session_length) },
		sudo: SudoConfig { key: root },
		subnets: SubnetsConfig { subnet_defaults: Some(dev_subnet_defaults()) },
		governance: GovernanceConfig { timings: Some(timings), parameters: Some(parameters) },
	})
}

/// A well-known dev account as a validator: its account, and its sr25519
/// (Aura) and ed25519 (GRANDPA) keys, as `--alice` etc. put them in the
/// node's keystore.
fn authority(sr: Sr25519Keyring, ed: Ed25519Keyring) -> (AccountId, AuraId, GrandpaId) {
	(sr.to_account_id(), sr.public().into(), ed.public().into())
}

/// All twelve well-known dev accounts.
fn dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect()
}

/// `development`: one authority (Alice), Alice is sudo.
pub fn development_config_genesis() -> Value {
	genesis(
		vec![authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		dev_accounts(),
		Some(Sr25519Keyring::Alice.to_account_id()),
		DEV_SESSION_LENGTH,
		GovernanceTimings::development(),
		ChainParameters::development(),
	)
}

/// `governed`: one authority (Alice), no sudo key, fast referenda.
pub fn governed_config_genesis() -> Value {
	genesis(
		vec![authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		dev_accounts(),
		None,
		DEV_SESSION_LENGTH,
		GovernanceTimings::development(),
		ChainParameters::development(),
	)
}

/// `local_testnet`: two authorities (Alice, Bob), Alice is sudo.
pub fn local_config_genesis() -> Value {
	genesis(
		vec![
			authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			authority(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		],
		dev_accounts(),
		Some(Sr25519Keyring::Alice.to_account_id()),
		LOCAL_SESSION_LENGTH,
		GovernanceTimings::default(),
		ChainParameters::default(),
	)
}

/// The JSON patch of the preset named `id`, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		GOVERNED_RUNTIME_PRESET => governed_config_genesis(),
		_ => return None,
	};
	serde_json::to_vec(&patch).ok()
}

/// The names of the presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
		PresetId::from(GOVERNED_RUNTIME_PRESET),
	]
}
