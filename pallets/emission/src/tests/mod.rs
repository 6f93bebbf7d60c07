//! Tests across many blocks with the real neighbouring pallets.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects, clippy::indexing_slicing)]

mod epochs;
mod migrations;
mod queue;
mod supply;

use frame_support::assert_ok;
use pallet_subnets::Hyperparameter as H;

use crate::mock::*;

/// Registers a subnet owned by `owner` with `tempo`, commit-reveal off, no
/// weights rate limit, room for many registrations per block.
pub fn subnet(owner: u64, tempo: u16) -> u16 {
	assert_ok!(Subnets::register_network(RuntimeOrigin::signed(owner)));
	let netuid = pallet_subnets::Hyperparams::<Test>::iter_keys().max().unwrap();
	for value in [H::Tempo(tempo), H::CommitRevealEnabled(false), H::WeightsRateLimit(0), H::MaxRegsPerBlock(16)] {
		assert_ok!(Subnets::set_hyperparameter(RuntimeOrigin::root(), netuid, value));
	}
	netuid
}

/// Registers `hotkey` for `coldkey` on `netuid`.
pub fn neuron(netuid: u16, coldkey: u64, hotkey: u64) {
	assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(coldkey), netuid, hotkey));
}
