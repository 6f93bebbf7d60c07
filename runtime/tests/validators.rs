//! Block authors and GRANDPA voters: validators start through session keys,
//! only root (sudo, or a `root` referendum) changes the set, a change takes
//! effect at a session boundary, and a GRANDPA equivocation is reported
//! against the session's historical root.

#![allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::expect_used, clippy::unwrap_used)]

use codec::Encode;
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectHold},
		KeyOwnerProofSystem, OnFinalize, OnInitialize,
	},
};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_core::H256;
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_keystore::{testing::MemoryKeystore, KeystoreExt};
use sp_runtime::traits::BadOrigin;
use yuma_runtime::{
	configs::validators::{KEY_DEPOSIT, MIN_VALIDATORS},
	currency::TAO,
	genesis_config_presets::{DEV_SESSION_LENGTH, LOCAL_SESSION_LENGTH},
	opaque::SessionKeys,
	AccountId, AllPalletsWithSystem, Balances, Grandpa, Historical, Runtime, RuntimeCall, RuntimeEvent, RuntimeHoldReason, RuntimeOrigin, Session, Stake, Subnets, Sudo,
	System, ValidatorSet,
};

mod common;
use common::*;

type SetError = pallet_validator_set::Error<Runtime>;
type SessionError = pallet_session::Error<Runtime>;

/// The sr25519 account of a derivation such as `//Alice//stash`.
fn derived(suri: &str) -> AccountId {
	use sp_core::Pair;
	AccountId::from(sp_core::sr25519::Pair::from_string(suri, None).unwrap().public().0)
}

fn aura_authorities() -> Vec<AuraId> {
	pallet_aura::Authorities::<Runtime>::get().to_vec()
}

fn aura(k: Sr25519Keyring) -> AuraId {
	k.public().into()
}

fn grandpa(k: Ed25519Keyring) -> GrandpaId {
	k.public().into()
}

/// Runs blocks up to `n` as a node does: every pallet's `on_initialize`, and
/// GRANDPA's `on_finalize` (which enacts its scheduled authority changes).
fn run_blocks_to(n: u32) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		AllPalletsWithSystem::on_initialize(next);
		Grandpa::on_finalize(next);
	}
	ValidatorSet::do_try_state().expect("validator-set invariants");
}

/// A preset's state with a keystore, so that session keys can be generated
/// (as `author_rotateKeysWithOwner` does on a node).
fn chain(preset: &str, test: impl FnOnce()) {
	let mut ext = state_of(preset);
	ext.register_extension(KeystoreExt::new(MemoryKeystore::new()));
	ext.execute_with(test);
}

/// The session keys of `seed` (a dev seed such as `//Eve`) and their proof
/// of possession for `owner`: what `author_rotateKeysWithOwner` answers.
fn generated_keys(owner: &AccountId, seed: &str) -> (SessionKeys, Vec<u8>) {
	let generated = SessionKeys::generate(&owner.encode(), Some(seed.as_bytes().to_vec()));
	(generated.keys, generated.proof.encode())
}

/// `who` sets the keys of `seed`, as `session.setKeys(keys, proof)`.
fn set_keys(who: Sr25519Keyring, seed: &str) {
	let (keys, proof) = generated_keys(&account(who), seed);
	assert_ok!(Session::set_keys(RuntimeOrigin::signed(account(who)), keys, proof));
}

fn add(who: Sr25519Keyring) -> sp_runtime::DispatchResult {
	ValidatorSet::add_validator(RuntimeOrigin::root(), account(who))
}

fn remove(who: Sr25519Keyring) -> sp_runtime::DispatchResult {
	ValidatorSet::remove_validator(RuntimeOrigin::root(), account(who))
}

fn set_events() -> Vec<pallet_validator_set::Event<Runtime>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::ValidatorSet(e) => Some(e),
			_ => None,
		})
		.collect()
}

#[test]
fn presets_start_their_validators_through_session_keys() {
	use Sr25519Keyring::{Alice, Bob};
	chain("development", || {
		assert_eq!(Session::validators(), vec![account(Alice)]);
		assert_eq!(aura_authorities(), vec![aura(Alice)]);
		assert_eq!(Grandpa::grandpa_authorities(), vec![(grandpa(Ed25519Keyring::Alice), 1)]);
		assert_eq!(pallet_validator_set::SessionLength::<Runtime>::get(), DEV_SESSION_LENGTH);
	});
	chain("governed", || {
		assert_eq!(Session::validators(), vec![account(Alice)]);
		assert_eq!(pallet_validator_set::SessionLength::<Runtime>::get(), DEV_SESSION_LENGTH);
	});
	chain("local_testnet", || {
		assert_eq!(Session::validators(), vec![account(Alice), account(Bob)]);
		assert_eq!(aura_authorities(), vec![aura(Alice), aura(Bob)]);
		assert_eq!(
			Grandpa::grandpa_authorities(),
			vec![(grandpa(Ed25519Keyring::Alice), 1), (grandpa(Ed25519Keyring::Bob), 1)]
		);
		assert_eq!(pallet_validator_set::SessionLength::<Runtime>::get(), LOCAL_SESSION_LENGTH);
		// Genesis keys take no deposit.
		assert_eq!(Balances::balance_on_hold(&RuntimeHoldReason::Session(pallet_session::HoldReason::Keys), &account(Alice)), 0);
	});
	for preset in ["development", "local_testnet", "governed"] {
		let json = yuma_runtime::genesis_config_presets::get_preset(&preset.into()).expect("exists");
		let value: serde_json::Value = serde_json::from_slice(&json).expect("valid JSON");
		let keys = value["session"]["keys"].as_array().expect("session.keys, which zombienet rewrites");
		assert!(!keys.is_empty(), "{preset}");
		assert!(keys.iter().all(|k| k[2].get("aura").is_some() && k[2].get("grandpa").is_some()), "{preset}");
		// Aura's and GRANDPA's own lists would clash with the session's.
		assert!(value.get("aura").is_none() && value.get("grandpa").is_none(), "{preset}");
	}
}

/// The `local` spec as zombienet rewrites it for the validators it
/// launches: `session.keys` of `//Name//stash` accounts, with the key names
/// of every runtime it knows (ours reads `aura` and `grandpa`).
#[test]
fn a_spec_rewritten_by_zombienet_builds_with_its_validators() {
	use frame_support::genesis_builder_helper::{build_state, get_preset};
	let entry = |name: &str, sr: Sr25519Keyring, ed: Ed25519Keyring| {
		let stash = sp_core::crypto::Ss58Codec::to_ss58check(&derived(&format!("//{name}//stash")));
		let sr = sp_core::crypto::Ss58Codec::to_ss58check(&sr.public());
		let ed = sp_core::crypto::Ss58Codec::to_ss58check(&ed.public());
		serde_json::json!([stash, stash, {
			"grandpa": ed, "babe": sr, "im_online": sr, "authority_discovery": sr, "aura": sr, "beefy": sr,
		}])
	};
	let patch = get_preset::<yuma_runtime::RuntimeGenesisConfig>(&Some("local_testnet".into()), yuma_runtime::genesis_config_presets::get_preset).unwrap();
	let mut config = serde_json::to_value(yuma_runtime::RuntimeGenesisConfig::default()).unwrap();
	merge(&mut config, serde_json::from_slice(&patch).unwrap());
	config["session"]["keys"] = serde_json::json!([
		entry("Alice", Sr25519Keyring::Alice, Ed25519Keyring::Alice),
		entry("Bob", Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		entry("Charlie", Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
		entry("Dave", Sr25519Keyring::Dave, Ed25519Keyring::Dave),
	]);
	let mut ext = sp_io::TestExternalities::default();
	ext.execute_with(|| build_state::<yuma_runtime::RuntimeGenesisConfig>(serde_json::to_vec(&config).unwrap()).unwrap());
	ext.execute_with(|| {
		use Sr25519Keyring::*;
		assert_eq!(aura_authorities(), vec![aura(Alice), aura(Bob), aura(Charlie), aura(Dave)]);
		assert_eq!(Grandpa::grandpa_authorities().len(), 4);
		assert_eq!(Session::validators()[0], derived("//Alice//stash"));
	});
}

#[test]
fn root_adds_a_validator_with_keys_and_it_authors_from_the_second_session_boundary() {
	use Sr25519Keyring::{Alice, Eve, Ferdie};
	chain("development", || {
		let free = Balances::free_balance(account(Eve));
		set_keys(Eve, "//Eve");
		// Setting keys holds the key deposit.
		assert_eq!(Balances::free_balance(account(Eve)), free - KEY_DEPOSIT);
		assert_eq!(
			Balances::balance_on_hold(&RuntimeHoldReason::Session(pallet_session::HoldReason::Keys), &account(Eve)),
			KEY_DEPOSIT
		);
		assert_ok!(add(Eve));
		assert_eq!(set_events(), vec![pallet_validator_set::Event::ValidatorAdded { who: account(Eve) }]);

		// Block 20 ends session 0: the new set is queued, active from session 2.
		run_blocks_to(DEV_SESSION_LENGTH - 1);
		assert_eq!(aura_authorities(), vec![aura(Alice)]);
		run_blocks_to(DEV_SESSION_LENGTH);
		assert_eq!(Session::current_index(), 1);
		assert!(set_events().contains(&pallet_validator_set::Event::ValidatorSetQueued {
			active_from: 2,
			validators: 2
		}));
		assert_eq!(aura_authorities(), vec![aura(Alice)]);

		// Block 40 starts session 2: Eve authors, and votes once GRANDPA
		// enacts the change it scheduled (at once: no delay).
		run_blocks_to(2 * DEV_SESSION_LENGTH);
		assert_eq!(Session::current_index(), 2);
		assert_eq!(Session::validators(), vec![account(Alice), account(Eve)]);
		assert_eq!(aura_authorities(), vec![aura(Alice), aura(Eve)]);
		assert_eq!(
			Grandpa::grandpa_authorities(),
			vec![(grandpa(Ed25519Keyring::Alice), 1), (grandpa(Ed25519Keyring::Eve), 1)]
		);

		// Two is the minimum: Eve leaves only once Ferdie is in, and stops
		// two boundaries after its removal.
		assert_noop!(remove(Eve), SetError::TooFewValidators);
		set_keys(Ferdie, "//Ferdie");
		assert_ok!(add(Ferdie));
		assert_ok!(remove(Eve));
		run_blocks_to(3 * DEV_SESSION_LENGTH);
		assert_eq!(aura_authorities(), vec![aura(Alice), aura(Eve)]);
		run_blocks_to(4 * DEV_SESSION_LENGTH);
		assert_eq!(aura_authorities(), vec![aura(Alice), aura(Ferdie)]);
		assert_eq!(
			Grandpa::grandpa_authorities(),
			vec![(grandpa(Ed25519Keyring::Alice), 1), (grandpa(Ed25519Keyring::Ferdie), 1)]
		);
		// Eve's deposit comes back when it purges its keys.
		assert_ok!(Session::purge_keys(RuntimeOrigin::signed(account(Eve))));
		assert_eq!(Balances::free_balance(account(Eve)), free);
	});
}

#[test]
fn no_signed_origin_changes_the_set_and_sudo_does_on_local() {
	use Sr25519Keyring::{Alice, Bob, Eve};
	chain("local_testnet", || {
		set_keys(Eve, "//Eve");
		// Not even the sudo key, unless through sudo.
		for who in [Alice, Bob, Eve] {
			assert_noop!(ValidatorSet::add_validator(RuntimeOrigin::signed(account(who)), account(Eve)), BadOrigin);
			assert_noop!(ValidatorSet::remove_validator(RuntimeOrigin::signed(account(who)), account(Bob)), BadOrigin);
		}
		assert_eq!(pallet_validator_set::Validators::<Runtime>::get(), None);
		let call = RuntimeCall::ValidatorSet(pallet_validator_set::Call::add_validator { who: account(Eve) });
		assert_ok!(Sudo::sudo(RuntimeOrigin::signed(account(Alice)), Box::new(call.clone())));
		assert_eq!(ValidatorSet::planned().into_inner(), vec![account(Alice), account(Bob), account(Eve)]);
		// Sudo by anyone else is refused.
		assert_noop!(Sudo::sudo(RuntimeOrigin::signed(account(Bob)), Box::new(call)), pallet_sudo::Error::<Runtime>::RequireSudo);
	});
}

#[test]
fn the_minimum_the_keys_and_duplicates_are_checked_by_name() {
	use Sr25519Keyring::{Alice, Bob, Eve, Ferdie};
	chain("local_testnet", || {
		assert_eq!(MIN_VALIDATORS, 2);
		assert_noop!(remove(Bob), SetError::TooFewValidators);
		assert_noop!(add(Ferdie), SetError::NoSessionKeys);
		assert_noop!(add(Alice), SetError::AlreadyValidator);
		assert_noop!(remove(Eve), SetError::NotValidator);
		// With a third validator one may go, but not two.
		set_keys(Eve, "//Eve");
		assert_ok!(add(Eve));
		assert_noop!(add(Eve), SetError::AlreadyValidator);
		assert_ok!(remove(Bob));
		assert_noop!(remove(Alice), SetError::TooFewValidators);
		assert_eq!(ValidatorSet::planned().into_inner(), vec![account(Alice), account(Eve)]);
	});
}

#[test]
fn keys_need_a_proof_of_possession_and_cannot_be_taken_from_a_validator() {
	use Sr25519Keyring::{Eve, Ferdie};
	chain("local_testnet", || {
		// Keys without a proof (what plain `author_rotateKeys` gives), or
		// proven for another account, are refused.
		let (keys, proof) = generated_keys(&account(Eve), "//Eve");
		assert_noop!(Session::set_keys(RuntimeOrigin::signed(account(Eve)), keys.clone(), vec![]), SessionError::InvalidProof);
		assert_noop!(Session::set_keys(RuntimeOrigin::signed(account(Ferdie)), keys, proof), SessionError::InvalidProof);
		// Alice's keys, with a valid proof for Ferdie (a hostile holder of a
		// copy of the seed), stay Alice's.
		let (alice_keys, proof) = generated_keys(&account(Ferdie), "//Alice");
		assert_noop!(Session::set_keys(RuntimeOrigin::signed(account(Ferdie)), alice_keys, proof), SessionError::DuplicatedKey);
		// An account that cannot pay the deposit sets no keys.
		let broke = derived("//Broke");
		assert_ok!(Balances::transfer_allow_death(RuntimeOrigin::signed(account(Eve)), broke.clone().into(), TAO / 2));
		let (keys, proof) = generated_keys(&broke, "//Broke");
		assert_noop!(
			Session::set_keys(RuntimeOrigin::signed(broke.clone()), keys, proof),
			sp_runtime::TokenError::FundsUnavailable
		);
		assert!(pallet_session::NextKeys::<Runtime>::get(&broke).is_none());
	});
}

#[test]
fn a_root_referendum_adds_a_validator() {
	use Sr25519Keyring::{Alice, Bob, Charlie, Dave, Eve};
	chain("governed", || {
		// Stake to vote with: Dave's 6,000 TAO on Charlie's hotkey.
		assert_ok!(Subnets::register_network(RuntimeOrigin::signed(account(Alice))));
		assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(account(Bob)), 1, account(Charlie)));
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(account(Dave)), account(Charlie), 6_000 * TAO));
		set_keys(Eve, "//Eve");
		let call = RuntimeCall::ValidatorSet(pallet_validator_set::Call::add_validator { who: account(Eve) });
		let index = propose(call, root());
		assert_ok!(vote(&account(Dave), index, true, 6_000 * TAO));
		run_to_block(10);
		assert!(set_events().contains(&pallet_validator_set::Event::ValidatorAdded { who: account(Eve) }));
		run_blocks_to(2 * DEV_SESSION_LENGTH);
		assert_eq!(Session::validators(), vec![account(Alice), account(Eve)]);
		assert_eq!(aura_authorities(), vec![aura(Alice), aura(Eve)]);
	});
}

/// Two prevotes of `key` in the same round, for block 0x01… and for
/// `second`.
fn prevotes(set_id: u64, key: Ed25519Keyring, second: H256) -> sp_consensus_grandpa::EquivocationProof<H256, u32> {
	let round = 1;
	let signed = |hash: H256| {
		let prevote = finality_grandpa::Prevote { target_hash: hash, target_number: 1u32 };
		let payload = sp_consensus_grandpa::localized_payload(round, set_id, &finality_grandpa::Message::Prevote(prevote.clone()));
		(prevote, key.sign(&payload).into())
	};
	sp_consensus_grandpa::EquivocationProof::new(
		set_id,
		sp_consensus_grandpa::Equivocation::Prevote(finality_grandpa::Equivocation {
			round_number: round,
			identity: key.public().into(),
			first: signed(H256::repeat_byte(1)),
			second: signed(second),
		}),
	)
}

/// Two prevotes of `key` for different blocks in the same round.
fn equivocation(set_id: u64, key: Ed25519Keyring) -> sp_consensus_grandpa::EquivocationProof<H256, u32> {
	prevotes(set_id, key, H256::repeat_byte(2))
}

#[test]
fn a_grandpa_equivocation_is_recorded_as_an_offence_and_slashes_nothing() {
	use Sr25519Keyring::{Alice, Bob};
	chain("local_testnet", || {
		// The first historical root is stored at the first boundary; the
		// report is about session 2, GRANDPA set 1.
		run_blocks_to(2 * LOCAL_SESSION_LENGTH);
		let set_id = Grandpa::current_set_id();
		assert_eq!(set_id, 1);
		let proof = Historical::prove((sp_consensus_grandpa::KEY_TYPE, grandpa(Ed25519Keyring::Bob))).expect("Bob's key is provable");
		// Reported a session later: the proof is checked against session
		// 2's stored root, not rebuilt from the live keys.
		run_blocks_to(3 * LOCAL_SESSION_LENGTH);
		assert_eq!(Session::current_index(), 3);
		let balances = (<Balances as Inspect<AccountId>>::total_balance(&account(Alice)), <Balances as Inspect<AccountId>>::total_balance(&account(Bob)));
		System::reset_events();

		// Alice's votes with Bob's ownership proof, or the same vote twice,
		// prove nothing.
		let report = |proof: sp_consensus_grandpa::EquivocationProof<H256, u32>, key_owner: &sp_session::MembershipProof| {
			Grandpa::report_equivocation_unsigned(RuntimeOrigin::none(), Box::new(proof), key_owner.clone())
		};
		assert!(report(equivocation(set_id, Ed25519Keyring::Alice), &proof).is_err());
		assert!(report(prevotes(set_id, Ed25519Keyring::Bob, H256::repeat_byte(1)), &proof).is_err());
		// Not signed: the unsigned call refuses a signed origin, and the
		// signed call (free when it succeeds) is filtered out.
		assert_noop!(
			Grandpa::report_equivocation_unsigned(RuntimeOrigin::signed(account(Alice)), Box::new(equivocation(set_id, Ed25519Keyring::Bob)), proof.clone()),
			BadOrigin
		);
		let signed = RuntimeCall::Grandpa(pallet_grandpa::Call::report_equivocation {
			equivocation_proof: Box::new(equivocation(set_id, Ed25519Keyring::Bob)),
			key_owner_proof: proof.clone(),
		});
		let refused = sp_runtime::traits::Dispatchable::dispatch(signed, RuntimeOrigin::signed(account(Alice))).unwrap_err();
		assert_eq!(refused.error, frame_system::Error::<Runtime>::CallFiltered.into());
		// From outside the node the unsigned report is not even pooled.
		use sp_runtime::transaction_validity::TransactionSource;
		let unsigned = pallet_grandpa::Call::<Runtime>::report_equivocation_unsigned {
			equivocation_proof: Box::new(equivocation(set_id, Ed25519Keyring::Bob)),
			key_owner_proof: proof.clone(),
		};
		assert!(Grandpa::validate_unsigned(TransactionSource::External, &unsigned).is_err());
		assert!(Grandpa::validate_unsigned(TransactionSource::Local, &unsigned).is_ok());

		assert_ok!(Grandpa::report_equivocation_unsigned(
			RuntimeOrigin::none(),
			Box::new(equivocation(set_id, Ed25519Keyring::Bob)),
			proof.clone()
		));
		assert!(System::events().iter().any(|r| matches!(r.event, RuntimeEvent::Offences(pallet_offences::Event::Offence { .. }))));
		// Reported once only.
		assert!(Grandpa::report_equivocation_unsigned(RuntimeOrigin::none(), Box::new(equivocation(set_id, Ed25519Keyring::Bob)), proof).is_err());
		// Nothing is slashed, nobody is removed.
		assert_eq!((<Balances as Inspect<AccountId>>::total_balance(&account(Alice)), <Balances as Inspect<AccountId>>::total_balance(&account(Bob))), balances);
		assert_eq!(Session::validators(), vec![account(Alice), account(Bob)]);
	});
}

/// A chain started before spec 111 had Aura and GRANDPA authorities and no
/// session pallet: the released migrations make those authorities the
/// session's validators, so the first session boundary keeps them.
#[test]
fn an_upgrade_from_a_chain_without_sessions_keeps_its_authorities() {
	use frame_support::traits::OnRuntimeUpgrade;
	use Sr25519Keyring::{Alice, Bob};
	let forget_sessions = || {
		let _ = pallet_session::NextKeys::<Runtime>::clear(u32::MAX, None);
		let _ = pallet_session::KeyOwner::<Runtime>::clear(u32::MAX, None);
		pallet_session::Validators::<Runtime>::kill();
		pallet_session::QueuedKeys::<Runtime>::kill();
		assert_eq!(aura_authorities(), vec![aura(Alice), aura(Bob)]);
	};
	// Without the migration the validator set hands nothing over (no
	// account has keys), and Aura keeps its authorities rather than none.
	chain("local_testnet", || {
		forget_sessions();
		run_blocks_to(3 * LOCAL_SESSION_LENGTH);
		assert_eq!(aura_authorities(), vec![aura(Alice), aura(Bob)]);
		assert_eq!(Grandpa::grandpa_authorities().len(), 2);
	});
	// Aura and GRANDPA lists of different lengths: nothing is seeded.
	chain("local_testnet", || {
		forget_sessions();
		pallet_grandpa::Authorities::<Runtime>::put(
			sp_runtime::WeakBoundedVec::force_from(vec![(grandpa(Ed25519Keyring::Alice), 1)], None),
		);
		yuma_runtime::migrations::Released::on_runtime_upgrade();
		assert!(Session::validators().is_empty());
		assert!(pallet_session::NextKeys::<Runtime>::get(account(Alice)).is_none());
	});
	// With it, the authorities are validators with their keys, and the
	// set can then be changed as on any chain.
	chain("local_testnet", || {
		forget_sessions();
		yuma_runtime::migrations::Released::on_runtime_upgrade();
		assert_eq!(Session::validators(), vec![account(Alice), account(Bob)]);
		let alice_keys = pallet_session::NextKeys::<Runtime>::get(account(Alice)).expect("seeded");
		assert_eq!(alice_keys.aura, aura(Alice));
		assert_eq!(alice_keys.grandpa, grandpa(Ed25519Keyring::Alice));
		// It runs once: a second upgrade changes nothing.
		let before = pallet_session::QueuedKeys::<Runtime>::get();
		yuma_runtime::configs::validators::SeedSessionFromAuthorities::on_runtime_upgrade();
		assert_eq!(pallet_session::QueuedKeys::<Runtime>::get(), before);
		run_blocks_to(3 * LOCAL_SESSION_LENGTH);
		assert_eq!(aura_authorities(), vec![aura(Alice), aura(Bob)]);
		set_keys(Sr25519Keyring::Eve, "//Eve");
		assert_ok!(add(Sr25519Keyring::Eve));
		run_blocks_to(5 * LOCAL_SESSION_LENGTH);
		assert_eq!(aura_authorities(), vec![aura(Alice), aura(Bob), aura(Sr25519Keyring::Eve)]);
	});
}
