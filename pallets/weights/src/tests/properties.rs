//! Arbitrary rows never panic: each is stored normalized or refused by name.

use frame_support::dispatch::RawOrigin;
use proptest::prelude::*;
use sp_runtime::traits::Dispatchable;

use crate::{mock::*, Weights as Rows};

proptest! {
	#![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

	#[test]
	fn any_row_is_stored_normalized_or_refused(
		uids in prop::collection::vec(prop_oneof![0u16..6, any::<u16>()], 0..12),
		values in prop::collection::vec(prop_oneof![Just(0u16), Just(u16::MAX), any::<u16>()], 0..12),
		min_allowed in 0u16..4,
		max_limit in 1u16..=u16::MAX,
	) {
		build_and_execute(|| {
			crate::mock::set_hp(1, |hp| {
				hp.min_allowed_weights = min_allowed;
				hp.max_weight_limit = max_limit;
			});
			let call = RuntimeCall::Weights(crate::Call::set_weights {
				netuid: 1,
				uids: uids.clone(),
				values: values.clone(),
				version_key: 0,
			});
			let result = call.dispatch(RawOrigin::Signed(10).into());
			match (result, Rows::<Test>::get(1, 0)) {
				(Ok(_), Some(row)) => {
					let row = row.into_inner();
					prop_assert!(row.windows(2).all(|w| w[0].0 < w[1].0), "sorted, no duplicates");
					prop_assert!(row.iter().all(|(u, v)| *u < 5 && *v > 0));
					if !row.is_empty() {
						prop_assert_eq!(row.iter().map(|(_, v)| *v).max(), Some(65_535));
					}
					prop_assert!(uids.len() == values.len());
				},
				(Ok(_), None) => prop_assert!(false, "success stores a row"),
				(Err(_), row) => prop_assert!(row.is_none(), "a refusal stores nothing"),
			}
			Ok(())
		})?;
	}
}
