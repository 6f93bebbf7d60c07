//! The runtime, natively: genesis presets, the token, fees, metadata, and the
//! balance transfers a user makes on the dev chain.

// A test states its expectations with plain arithmetic and panics on failure.
#![allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::expect_used)]

use frame_support::{
	assert_noop, assert_ok,
	dispatch::GetDispatchInfo,
	traits::Get,
};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{DispatchError, TokenError};
use yuma_runtime::{
	currency::{EXISTENTIAL_DEPOSIT, TAO},
	genesis_config_presets::{self, DEV_ENDOWMENT},
	Balances, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, System, TransactionPayment,
};

mod common;
use common::*;

#[test]
fn development_preset_has_alice_as_authority_and_sudo() {
	state_of("development").execute_with(|| {
		let aura = pallet_aura::Authorities::<Runtime>::get();
		assert_eq!(aura.len(), 1);
		assert_eq!(aura[0], Sr25519Keyring::Alice.public().into());
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 1);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(account(Sr25519Keyring::Alice)));
	});
}

#[test]
fn local_testnet_preset_has_alice_and_bob_as_authorities() {
	state_of("local_testnet").execute_with(|| {
		let aura = pallet_aura::Authorities::<Runtime>::get();
		assert_eq!(
			aura.to_vec(),
			vec![Sr25519Keyring::Alice.public().into(), Sr25519Keyring::Bob.public().into()]
		);
		let grandpa = pallet_grandpa::Pallet::<Runtime>::grandpa_authorities();
		assert_eq!(grandpa.len(), 2);
		assert!(grandpa.iter().all(|(_, weight)| *weight == 1));
	});
}

#[test]
fn governed_preset_has_no_sudo_key_and_fast_referenda() {
	state_of("governed").execute_with(|| {
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().to_vec(), vec![Sr25519Keyring::Alice.public().into()]);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
		assert_eq!(yuma_runtime::Governance::timings(), pallet_governance::GovernanceTimings::development());
	});
}

#[test]
fn referenda_are_decided_in_minutes_on_development_and_in_days_on_local_testnet() {
	let decided_within = |t: &pallet_governance::TrackTiming| t.prepare_period + t.decision_period + t.min_enactment_period;
	state_of("development").execute_with(|| {
		let timings = yuma_runtime::Governance::timings();
		assert_eq!(timings, pallet_governance::GovernanceTimings::development());
		// A referendum supported from the start passes after prepare + confirm +
		// enactment; one that waits for the curves, by prepare + decision + enactment.
		for (_, name, t) in timings.tracks() {
			assert!(decided_within(&t) <= 40, "{name}");
		}
	});
	state_of("local_testnet").execute_with(|| {
		let timings = yuma_runtime::Governance::timings();
		assert_eq!(timings, pallet_governance::GovernanceTimings::default());
		for (_, name, t) in timings.tracks() {
			assert!(t.prepare_period + t.confirm_period + t.min_enactment_period >= yuma_runtime::HOURS * 13, "{name}");
			assert!(t.decision_period >= 7 * yuma_runtime::DAYS, "{name}");
		}
		assert!(timings.root.confirm_period >= yuma_runtime::DAYS);
		assert!(timings.vote_locking_period >= 7 * yuma_runtime::DAYS);
	});
}

#[test]
fn presets_endow_the_twelve_dev_accounts_and_nothing_else() {
	for preset in ["development", "local_testnet", "governed"] {
		state_of(preset).execute_with(|| {
			for k in Sr25519Keyring::well_known() {
				assert_eq!(Balances::free_balance(k.to_account_id()), DEV_ENDOWMENT, "{k:?}");
			}
			assert_eq!(Balances::total_issuance(), 12 * DEV_ENDOWMENT);
			assert_eq!(DEV_ENDOWMENT, 100_000 * TAO);
		});
	}
}

#[test]
fn only_the_three_presets_exist() {
	let names = genesis_config_presets::preset_names();
	assert_eq!(names.len(), 3);
	for name in ["development", "local_testnet", "governed"] {
		assert!(names.contains(&name.into()), "{name}");
		assert!(genesis_config_presets::get_preset(&name.into()).is_some(), "{name}");
	}
	assert!(genesis_config_presets::get_preset(&"staging".into()).is_none());
}

#[test]
fn presets_name_the_keys_zombienet_rewrites() {
	for preset in ["development", "local_testnet", "governed"] {
		let json = genesis_config_presets::get_preset(&preset.into()).expect("exists");
		let value: serde_json::Value = serde_json::from_slice(&json).expect("valid JSON");
		for key in ["session", "balances", "sudo"] {
			assert!(value.get(key).is_some(), "{preset} lacks `{key}`");
		}
	}
}

#[test]
fn token_constants() {
	assert_eq!(TAO, 1_000_000_000);
	assert_eq!(EXISTENTIAL_DEPOSIT, 500);
	assert_eq!(<<Runtime as pallet_balances::Config>::ExistentialDeposit as Get<u64>>::get(), 500);
	assert_eq!(<Runtime as frame_system::Config>::SS58Prefix::get(), 42);
	assert_eq!(yuma_runtime::currency::DECIMALS, 9);
	assert_eq!(yuma_runtime::currency::TOTAL_SUPPLY_CAP, 21_000_000 * TAO);
}

#[test]
fn metadata_defaults_to_v15_and_offers_v14_to_v16() {
	use sp_api::runtime_decl_for_metadata::MetadataV2;
	let versions = <Runtime as MetadataV2<yuma_runtime::Block>>::metadata_versions();
	for v in [14, 15, 16] {
		assert!(versions.contains(&v), "missing v{v}: {versions:?}");
	}
	// Metadata is read from a state (as the node serves it): the referenda
	// tracks constant holds the chain spec's periods.
	let default = state_of("development").execute_with(<Runtime as MetadataV2<yuma_runtime::Block>>::metadata);
	// Prefixed metadata: the magic "meta", then the version byte.
	assert_eq!(&default[..4], b"meta");
	assert_eq!(default[4], 15);
}

#[test]
fn transfer_moves_the_amount_and_emits_transfer() {
	state_of("development").execute_with(|| {
		let (alice, bob) = (account(Sr25519Keyring::Alice), account(Sr25519Keyring::Bob));
		let amount = 7 * TAO + 1;
		assert_ok!(Balances::transfer_keep_alive(
			RuntimeOrigin::signed(alice.clone()),
			bob.clone().into(),
			amount
		));
		assert_eq!(Balances::free_balance(&alice), DEV_ENDOWMENT - amount);
		assert_eq!(Balances::free_balance(&bob), DEV_ENDOWMENT + amount);
		System::assert_has_event(RuntimeEvent::Balances(pallet_balances::Event::Transfer {
			from: alice,
			to: bob,
			amount,
		}));
		assert_eq!(Balances::total_issuance(), 12 * DEV_ENDOWMENT);
	});
}

#[test]
fn transfer_above_free_balance_fails_and_changes_nothing() {
	state_of("development").execute_with(|| {
		let (alice, bob) = (account(Sr25519Keyring::Alice), account(Sr25519Keyring::Bob));
		assert_noop!(
			Balances::transfer_allow_death(
				RuntimeOrigin::signed(alice.clone()),
				bob.clone().into(),
				DEV_ENDOWMENT + 1
			),
			DispatchError::Token(TokenError::FundsUnavailable)
		);
		assert_eq!(Balances::free_balance(&alice), DEV_ENDOWMENT);
		assert_eq!(Balances::free_balance(&bob), DEV_ENDOWMENT);
	});
}

#[test]
fn keep_alive_refuses_to_go_below_the_existential_deposit() {
	state_of("development").execute_with(|| {
		// Charlie (not Alice: a validator's keys keep its account alive anyway).
		let (charlie, bob) = (account(Sr25519Keyring::Charlie), account(Sr25519Keyring::Bob));
		assert_noop!(
			Balances::transfer_keep_alive(
				RuntimeOrigin::signed(charlie.clone()),
				bob.into(),
				DEV_ENDOWMENT - EXISTENTIAL_DEPOSIT + 1
			),
			DispatchError::Token(TokenError::NotExpendable)
		);
		assert_eq!(Balances::free_balance(&charlie), DEV_ENDOWMENT);
	});
}

#[test]
fn a_transfer_costs_a_small_fraction_of_a_tao() {
	state_of("development").execute_with(|| {
		let call = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: account(Sr25519Keyring::Bob).into(),
			value: TAO,
		});
		let fee = TransactionPayment::compute_fee(150, &call.get_dispatch_info(), 0);
		assert!(fee > 10_000, "fee {fee} rao is too small to deter spam");
		assert!(fee < TAO / 100, "fee {fee} rao is more than 0.01 TAO");
	});
}

#[test]
fn every_pallet_starts_at_its_in_code_storage_version() {
	use frame_support::traits::{GetStorageVersion, StorageVersion};
	for preset in ["development", "local_testnet", "governed"] {
		state_of(preset).execute_with(|| {
			let versions = [
				("Subnets", yuma_runtime::Subnets::on_chain_storage_version(), yuma_runtime::Subnets::in_code_storage_version()),
				("Stake", yuma_runtime::Stake::on_chain_storage_version(), yuma_runtime::Stake::in_code_storage_version()),
				("Weights", yuma_runtime::Weights::on_chain_storage_version(), yuma_runtime::Weights::in_code_storage_version()),
				("Emission", yuma_runtime::Emission::on_chain_storage_version(), yuma_runtime::Emission::in_code_storage_version()),
				("Governance", yuma_runtime::Governance::on_chain_storage_version(), yuma_runtime::Governance::in_code_storage_version()),
			];
			for (pallet, on_chain, in_code) in versions {
				assert_eq!(on_chain, in_code, "{preset}: {pallet}");
				// Stake is at 1 since spec 110 (its v1 migration).
				let expected = if pallet == "Stake" { 1 } else { 0 };
				assert_eq!(in_code, StorageVersion::new(expected), "{pallet}");
			}
		});
	}
}
