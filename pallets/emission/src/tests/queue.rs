//! The epoch budget: eight subnets due in one block run over the next
//! blocks, in order, each once, within the budget, nothing lost.

use frame_support::{
	assert_ok,
	traits::Hooks,
	weights::Weight,
};
use yuma_primitives::SubnetRegistry;

use super::*;
use crate::{EpochQueue, Event};

/// Eight subnets, netuid k with tempo 99 + k: all first due at block 99.
/// Each has a validator (its own coldkey, 10 TAO staked) and a miner.
fn eight_subnets() -> Vec<u16> {
	(0..8u64)
		.map(|k| {
			let netuid = subnet(1 + k, 50);
			assert_ok!(Subnets::set_hyperparameter(RuntimeOrigin::root(), netuid, H::Tempo(99 + netuid)));
			neuron(netuid, 11 + k, 200 + k);
			neuron(netuid, 11 + k, 300 + k);
			assert_ok!(Stake::add_stake(RuntimeOrigin::signed(11 + k), 200 + k, 10 * TAO));
			netuid
		})
		.collect()
}

/// Runs block `b` by hand; returns Emission's weight and the epochs paid in it.
fn block(b: u64) -> (Weight, Vec<(u16, u64, u64, u64)>) {
	System::set_block_number(b);
	Subnets::on_initialize(b);
	let weight = Emission::on_initialize(b);
	check_invariants();
	let paid = events()
		.into_iter()
		.filter_map(|e| match e {
			Event::EpochPaid { netuid, due, block, pending, .. } => Some((netuid, due, block, pending)),
			_ => None,
		})
		.collect();
	(weight, paid)
}

#[test]
fn eight_subnets_due_together_run_within_the_budget_in_order_each_once() {
	build_and_execute(|| {
		let netuids = eight_subnets();
		assert!(netuids.iter().all(|n| Subnets::hyperparams(*n).unwrap().tempo == 99 + n));
		run_to_block(98);
		events();
		// A budget of one of these epochs' estimates (an upper bound of what
		// it costs): after the first, no other fits in a block.
		let budget = Emission::epoch_estimate(netuids[0], &Subnets::hyperparams(netuids[0]).unwrap());
		assert!(netuids.iter().all(|n| Emission::epoch_estimate(*n, &Subnets::hyperparams(*n).unwrap()) == budget));
		EpochBudget::set(budget);
		let mut order = Vec::new();
		let mut b = 98;
		while order.len() < 8 {
			b += 1;
			assert!(b < 99 + 8, "all paid within a few blocks");
			let (weight, paid) = block(b);
			// What a block spends beyond its epochs: accrual and the queue.
			let overhead = frame_support::weights::constants::RocksDbWeight::get().reads_writes(40, 20);
			assert!(weight.all_lte(budget.saturating_add(overhead)), "block {b}: {weight:?} over {budget:?}");
			assert_eq!(paid.len(), 1, "block {b}");
			for (netuid, due, block, pending) in paid {
				assert_eq!((due, block), (99, b), "due at 99, run at {b}");
				assert!(pending > 0);
				order.push(netuid);
			}
		}
		assert_eq!(order, netuids, "in netuid order, each once");
		assert_eq!(b, 99 + 7, "one a block: the last waited 7 blocks");
		assert!(EpochQueue::<Test>::get().is_empty());
		// The next block runs none of them again.
		let (_, paid) = block(b + 1);
		assert!(paid.is_empty());
	});
}

#[test]
fn a_delayed_epoch_pays_what_accrued_until_it_ran_and_a_dissolved_one_is_dropped() {
	build_and_execute(|| {
		let netuids = eight_subnets();
		run_to_block(98);
		events();
		// Room for one epoch a block: the first always runs.
		EpochBudget::set(Weight::from_parts(1, 1));
		let (_, paid) = block(99);
		assert_eq!(paid.iter().map(|p| p.0).collect::<Vec<_>>(), vec![netuids[0]]);
		assert_eq!(EpochQueue::<Test>::get().len(), 7);
		assert!(Emission::is_queued(netuids[1]));
		// Subnet 3 (the third) is dissolved while queued: it is dropped, its
		// pending emission recycled by the dissolution.
		assert_ok!(Subnets::dissolve_network(RuntimeOrigin::root(), netuids[2]));
		let pending_before = crate::PendingEmission::<Test>::get(netuids[1]);
		let (_, paid) = block(100);
		assert_eq!(paid.len(), 1);
		let (netuid, due, ran, pending) = paid[0];
		assert_eq!((netuid, due, ran), (netuids[1], 99, 100));
		assert!(pending > pending_before, "block 100's emission joined it: nothing lost");
		let mut seen = vec![netuids[0], netuids[1]];
		for b in 101..120 {
			seen.extend(block(b).1.into_iter().map(|p| p.0));
			if EpochQueue::<Test>::get().is_empty() {
				break;
			}
		}
		assert_eq!(seen, netuids.iter().copied().filter(|n| *n != netuids[2]).collect::<Vec<_>>());
	});
}

#[test]
fn a_subnet_due_again_while_its_epoch_waits_is_queued_once() {
	build_and_execute(|| {
		// Three subnets of tempo 1 (due every other block), room for one epoch a block.
		for k in 0..3u64 {
			let netuid = subnet(1 + k, 1);
			neuron(netuid, 11 + k, 200 + k);
		}
		EpochBudget::set(Weight::from_parts(1, 1));
		for b in 2..40 {
			let (_, paid) = block(b);
			assert!(paid.len() <= 1, "block {b}");
			for (netuid, due, ran, pending) in paid {
				assert!(pending > 0, "block {b}: subnet {netuid}'s epoch found nothing to pay");
				assert!(due <= ran);
			}
			let queue = EpochQueue::<Test>::get();
			let mut netuids: Vec<u16> = queue.iter().map(|(n, _)| *n).collect();
			netuids.sort();
			netuids.dedup();
			assert_eq!(netuids.len(), queue.len(), "block {b}: {queue:?}");
		}
	});
}
