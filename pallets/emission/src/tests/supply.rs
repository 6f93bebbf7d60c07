//! Block emission, halvings, the cap, and its split across subnets.

use super::*;
use crate::{PendingEmission, TotalPending};

#[test]
fn emission_halves_at_each_threshold_and_stops_at_the_cap() {
	build_and_execute(|| {
		let m = 1_000_000 * TAO;
		assert_eq!(Emission::block_emission(0), TAO);
		assert_eq!(Emission::block_emission(10 * m + m / 2 - 1), TAO, "just below 10.5M");
		assert_eq!(Emission::block_emission(10 * m + m / 2), TAO / 2, "at 10.5M");
		assert_eq!(Emission::block_emission(15 * m + 3 * m / 4 - 1), TAO / 2);
		assert_eq!(Emission::block_emission(15 * m + 3 * m / 4), TAO / 4, "at 15.75M");
		assert_eq!(Emission::block_emission(18 * m + 3 * m / 8), TAO / 8, "at 18.375M");
		assert_eq!(Emission::block_emission(21 * m - 1), 0, "a rao short of the cap: 2^-64 TAO rounds to 0");
		assert_eq!(Emission::block_emission(21 * m), 0);
		assert_eq!(Emission::block_emission(u64::MAX), 0);
	});
}

#[test]
fn emission_never_passes_the_cap() {
	build_and_execute(|| {
		subnet(1, 360);
		// A cap 3 rao above what exists: the first halvings leave 0 < emission <= 3.
		let issuance = Balances::total_issuance();
		SupplyCap::set(issuance + 3);
		let e = Emission::block_emission(issuance);
		assert!(e <= 3);
		run_to_block(50);
		assert!(Balances::total_issuance() + TotalPending::<Test>::get() <= issuance + 3);
	});
}

#[test]
fn no_subnet_no_emission() {
	build_and_execute(|| {
		run_to_block(5);
		assert_eq!(TotalPending::<Test>::get(), 0);
	});
}

#[test]
fn without_root_weights_subnets_share_equally_to_the_rao() {
	build_and_execute(|| {
		let (a, b, c) = (subnet(1, 360), subnet(2, 360), subnet(3, 360));
		run_to_block(2);
		// 1 TAO over three: the rao left over goes to the first.
		assert_eq!(PendingEmission::<Test>::get(a), 333_333_334);
		assert_eq!(PendingEmission::<Test>::get(b), 333_333_333);
		assert_eq!(PendingEmission::<Test>::get(c), 333_333_333);
		assert_eq!(TotalPending::<Test>::get(), TAO);
		assert_eq!(PendingEmission::<Test>::get(0), 0, "root earns no emission");
	});
}
