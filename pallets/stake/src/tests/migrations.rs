//! `migrations::Untouched` over pallet-stake: a release that does not
//! migrate it passes over positions and pools; one that loses a rao of stake
//! is caught.

use frame_support::{assert_ok, traits::OnRuntimeUpgrade, weights::Weight};
use yuma_primitives::upgrade::UntouchedError;

use crate::{migrations::Untouched, mock::*, TotalStake};

/// A faulty migration: one rao of total stake goes missing.
struct LosesARao;
impl OnRuntimeUpgrade for LosesARao {
	fn on_runtime_upgrade() -> Weight {
		TotalStake::<Test>::mutate(|total| *total = total.saturating_sub(1));
		Weight::zero()
	}
}

#[test]
fn a_release_that_loses_a_rao_of_stake_is_caught() {
	build_and_execute(|| {
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(1), 100, 10 * TAO));
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(7), 100, 5 * TAO));
		assert_eq!(Untouched::<Test>::run_checked(), Ok(Weight::zero()));

		assert_eq!(Untouched::<Test, LosesARao>::run_checked(), Err(UntouchedError::ValueChanged { pallet: "Stake" }));
		// Put it back for the invariants checked after the test.
		TotalStake::<Test>::put(15 * TAO);
	});
}
