//! `migrations::Untouched` after real epochs, over the four pallets a
//! release of today leaves alone: it passes; a migration that changes one of
//! them fails naming that one.

use frame_support::{traits::OnRuntimeUpgrade, weights::Weight};
use yuma_primitives::upgrade::{Untouched, UntouchedError};

use super::*;
use crate::TotalCredited;

type Pallets = (Subnets, Stake, Weights, Emission);

/// A faulty migration: the supply ledger forgets a rao it credited.
struct ForgetsACreditedRao;
impl OnRuntimeUpgrade for ForgetsACreditedRao {
	fn on_runtime_upgrade() -> Weight {
		TotalCredited::<Test>::mutate(|m| *m = m.saturating_sub(1));
		Weight::zero()
	}
}

#[test]
fn after_epochs_a_release_passes_and_a_changed_ledger_is_named() {
	build_and_execute(|| {
		// Subnet 1: validator hotkey 100 (100 TAO staked) weights miner 101.
		let netuid = subnet(1, 9);
		neuron(netuid, 3, 100);
		neuron(netuid, 4, 101);
		frame_support::assert_ok!(Stake::add_stake(RuntimeOrigin::signed(3), 100, 100 * TAO));
		run_to_block(2);
		frame_support::assert_ok!(Weights::set_weights(RuntimeOrigin::signed(100), netuid, vec![1], vec![1], 0));
		run_to_block(30);
		let credited = TotalCredited::<Test>::get();
		assert!(credited > 0, "epochs paid");
		assert_eq!(Untouched::<Pallets>::run_checked(), Ok(Weight::zero()));
		assert_eq!(crate::migrations::Untouched::<Test>::run_checked(), Ok(Weight::zero()));

		assert_eq!(
			Untouched::<Pallets, ForgetsACreditedRao>::run_checked(),
			Err(UntouchedError::ValueChanged { pallet: "Emission" })
		);
		// The other three are not Emission's fault: listed alone they pass.
		TotalCredited::<Test>::put(credited);
		assert_eq!(Untouched::<(Subnets, Stake, Weights), ForgetsACreditedRao>::run_checked(), Ok(Weight::zero()));
		TotalCredited::<Test>::put(credited);
	});
}
