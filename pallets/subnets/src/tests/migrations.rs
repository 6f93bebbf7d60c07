//! `migrations::Untouched` over pallet-subnets: a release that does not
//! migrate it passes over a populated registry; one that hands a subnet to
//! another owner is caught.

use frame_support::{assert_ok, traits::OnRuntimeUpgrade, weights::Weight};
use yuma_primitives::upgrade::UntouchedError;

use crate::{migrations::Untouched, mock::*, Networks};

/// A hostile migration: subnet 1 changes owner, nothing else.
struct HandsSubnetOneToAccount9;
impl OnRuntimeUpgrade for HandsSubnetOneToAccount9 {
	fn on_runtime_upgrade() -> Weight {
		Networks::<Test>::mutate(1, |info| {
			if let Some(info) = info {
				info.owner = 9;
			}
		});
		Weight::zero()
	}
}

#[test]
fn a_subnet_handed_to_another_owner_by_a_release_is_caught() {
	ExtBuilder::build_and_execute(|| {
		let netuid = add_network(1);
		assert_eq!(netuid, 1);
		assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(2), netuid, 102));
		assert_eq!(Untouched::<Test>::run_checked(), Ok(Weight::zero()));

		let owner = Networks::<Test>::get(1).unwrap().owner;
		assert_eq!(
			Untouched::<Test, HandsSubnetOneToAccount9>::run_checked(),
			Err(UntouchedError::ValueChanged { pallet: "Subnets" })
		);
		// Put it back for the invariants checked after the test.
		Networks::<Test>::mutate(1, |info| info.as_mut().unwrap().owner = owner);
		assert_eq!(Untouched::<Test>::run_checked(), Ok(Weight::zero()));
	});
}
