//! pallet-weights inside the runtime: commit-reveal by default, a reveal in
//! the next epoch, direct setting once the owner turns commit-reveal off, and
//! rows removed when a subnet is dissolved.

#![allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::expect_used, clippy::unwrap_used)]

use frame_support::{assert_noop, assert_ok, traits::Hooks};
use sp_keyring::Sr25519Keyring::{Alice, Charlie, Dave};
use yuma_primitives::{SubnetRegistry, WeightsSource};
use yuma_runtime::{Runtime, RuntimeOrigin, Subnets, System, Weights};

mod common;
use common::*;

type Error = pallet_weights::Error<Runtime>;

#[test]
fn weights_are_committed_then_revealed_in_the_next_epoch() {
	state_of("development").execute_with(|| {
		subnet_with_two_neurons(false);
		let charlie = account(Charlie);
		assert_noop!(
			Weights::set_weights(RuntimeOrigin::signed(charlie.clone()), 1, vec![1], vec![1], 0),
			Error::CommitRevealEnabled
		);
		let salt = b"a secret salt".to_vec();
		let hash = Weights::commit_hash(&charlie, 1, &[1], &[7], &salt, 0);
		// What polkadot.js computes (pallets/weights/README.md): blake2AsHex of
		// createType('(AccountId, u16, Vec<u16>, Vec<u16>, Vec<u8>, u64)', ...).
		assert_eq!(
			sp_core::hexdisplay::HexDisplay::from(&hash).to_string(),
			"b485ef69c69cfeca9123763db4fa9cdd95bb520cf2c6acdacab71b6de2f09eb7"
		);
		assert_ok!(Weights::commit_weights(RuntimeOrigin::signed(charlie.clone()), 1, hash));
		// The dev tempo, 20: netuid 1's next epoch starts at block 19.
		assert_eq!(Subnets::hyperparams(1).unwrap().tempo, yuma_runtime::genesis_config_presets::DEV_TEMPO);
		System::set_block_number(18);
		assert_noop!(
			Weights::reveal_weights(RuntimeOrigin::signed(charlie.clone()), 1, vec![1], vec![7], salt.clone(), 0),
			Error::RevealTooEarly
		);
		System::set_block_number(19);
		assert_ok!(Weights::reveal_weights(RuntimeOrigin::signed(charlie), 1, vec![1], vec![7], salt, 0));
		assert_eq!(Weights::weights(1, 2), vec![vec![(1, 65_535)], vec![]]);
		assert_eq!(Weights::last_update(1, 2), vec![19, 0]);
	});
}

#[test]
fn with_commit_reveal_off_weights_are_set_directly_and_go_with_the_subnet() {
	state_of("development").execute_with(|| {
		subnet_with_two_neurons(true);
		assert_ok!(Weights::set_weights(RuntimeOrigin::signed(account(Dave)), 1, vec![0], vec![3], 0));
		assert_eq!(pallet_weights::Weights::<Runtime>::get(1, 1).unwrap().into_inner(), vec![(0, 65_535)]);
		assert_ok!(Subnets::dissolve_network(RuntimeOrigin::signed(account(Alice)), 1));
		System::set_block_number(2);
		Subnets::on_initialize(2);
		assert_eq!(pallet_weights::Weights::<Runtime>::iter_prefix(1).count(), 0, "cleared through the hooks");
		assert_eq!(pallet_weights::LastUpdate::<Runtime>::iter_prefix(1).count(), 0);
	});
}
