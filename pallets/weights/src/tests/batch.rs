//! Batches: each item on its own.

use frame_support::{assert_noop, assert_ok};

use crate::{mock::*, Error, Event, Weights as Rows};

#[test]
fn each_batch_item_succeeds_or_fails_alone() {
	build_and_execute(|| {
		subnet(2, &[20, 10]);
		assert_ok!(Weights::batch_set_weights(
			RuntimeOrigin::signed(10),
			vec![(1, vec![1], vec![1], 0), (9, vec![1], vec![1], 0), (2, vec![0], vec![5], 0)]
		));
		let evs = events();
		assert_eq!(evs.len(), 3);
		assert_eq!(evs[0], Event::WeightsSet { netuid: 1, uid: 0, count: 1 });
		assert!(matches!(evs[1], Event::BatchItemFailed { netuid: 9, .. }));
		assert_eq!(evs[2], Event::WeightsSet { netuid: 2, uid: 1, count: 1 });
		assert!(Rows::<Test>::get(2, 1).is_some());
		assert_noop!(Weights::batch_set_weights(RuntimeOrigin::signed(10), vec![]), Error::<Test>::BadBatchSize);
		assert_noop!(
			Weights::batch_set_weights(RuntimeOrigin::signed(10), vec![(1, vec![1], vec![1], 0); 17]),
			Error::<Test>::BadBatchSize
		);
	});
}

#[test]
fn batch_reveals_each_item_alone() {
	build_and_execute(|| {
		subnet(2, &[20, 10]);
		for netuid in [1, 2] {
			crate::mock::set_hp(netuid, |hp| {
				hp.commit_reveal_enabled = true;
				hp.tempo = 9;
			});
		}
		System::set_block_number(10);
		let salt = b"s".to_vec();
		let h1 = Weights::commit_hash(&10, 1, &[1], &[1], &salt, 0);
		assert_ok!(Weights::commit_weights(RuntimeOrigin::signed(10), 1, h1));
		System::set_block_number(18); // epoch 2 of netuid 1
		events();
		assert_ok!(Weights::batch_reveal_weights(
			RuntimeOrigin::signed(10),
			vec![(1, vec![1], vec![1], salt.clone(), 0), (2, vec![0], vec![1], salt, 0)]
		));
		let evs = events();
		assert_eq!(evs[0], Event::WeightsSet { netuid: 1, uid: 0, count: 1 });
		assert!(matches!(evs[1], Event::BatchItemFailed { netuid: 2, .. }));
		assert_noop!(Weights::batch_reveal_weights(RuntimeOrigin::signed(10), vec![]), Error::<Test>::BadBatchSize);
	});
}

/// The attack: a batch item is weighed as a full row (4,096 uids); an item of
/// 100,000 uids would make the call sort far more than it paid for. It is
/// refused by its length before any work on it, and so is a row longer than
/// the subnet (the error names the length, not the duplicates inside).
#[test]
fn rows_longer_than_the_subnet_or_a_row_are_refused_by_length_first() {
	build_and_execute(|| {
		subnet(2, &[20, 10]);
		let huge = vec![0u16; 100_000];
		assert_ok!(Weights::batch_set_weights(
			RuntimeOrigin::signed(10),
			vec![(2, huge.clone(), huge.clone(), 0), (2, vec![0], vec![5], 0)]
		));
		let evs = events();
		assert_eq!(evs[0], Event::BatchItemFailed { netuid: 2, error: Error::<Test>::TooManyWeights.into() });
		assert_eq!(evs[1], Event::WeightsSet { netuid: 2, uid: 1, count: 1 });
		// Past the rate limit (checked before any work on a row).
		System::set_block_number(200);
		// Three uids on a subnet of two: refused by length, duplicates or not.
		assert_noop!(
			Weights::set_weights(RuntimeOrigin::signed(10), 2, vec![0, 1, 1], vec![1, 1, 1], 0),
			Error::<Test>::TooManyWeights
		);
		crate::mock::set_hp(2, |hp| hp.commit_reveal_enabled = true);
		assert_noop!(
			Weights::reveal_weights(RuntimeOrigin::signed(10), 2, huge.clone(), huge, b"s".to_vec(), 0),
			Error::<Test>::TooManyWeights
		);
	});
}
