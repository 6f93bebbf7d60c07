//! The runtime APIs polkadot.js calls (`api.call.subnetInfoApi.*`, …), on a
//! dev subnet before and after its epochs.

#![allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::expect_used, clippy::unwrap_used)]

use frame_support::assert_ok;
use pallet_subnets::Hyperparameter as H;
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave, Eve};
use yuma_runtime::{currency::TAO, queries, RuntimeOrigin, Stake, Subnets, System, Weights};

mod common;
use common::*;

#[test]
fn the_apis_describe_subnets_neurons_stake_and_registration() {
	state_of("development").execute_with(|| {
		let (alice, bob, charlie, dave, eve) = (account(Alice), account(Bob), account(Charlie), account(Dave), account(Eve));
		let lock = queries::network_lock_cost();
		assert_ok!(Subnets::register_network(RuntimeOrigin::signed(alice.clone())));
		for value in [H::Tempo(9), H::CommitRevealEnabled(false), H::WeightsRateLimit(0), H::MaxRegsPerBlock(4)] {
			assert_ok!(Subnets::set_hyperparameter(RuntimeOrigin::root(), 1, value));
		}
		let reg = queries::registration_info(1).unwrap();
		assert_eq!((reg.next_uid, reg.replaces, reg.n, reg.registrations_this_block), (Some(0), false, 0, 0));
		assert!(queries::registration_info(0).is_none(), "root goes by stake");
		assert!(queries::registration_info(9).is_none());

		assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(bob.clone()), 1, charlie.clone()));
		assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(bob.clone()), 1, dave.clone()));
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(eve.clone()), charlie.clone(), 100 * TAO));
		let reg = queries::registration_info(1).unwrap();
		assert_eq!((reg.next_uid, reg.n, reg.registrations_this_block), (Some(2), 2, 2));
		run_to_block(2);
		assert_ok!(Weights::set_weights(RuntimeOrigin::signed(charlie.clone()), 1, vec![1], vec![1], 0));

		// Subnets: root and subnet 1, which takes all of block emission.
		let all = queries::subnets();
		assert_eq!(all.iter().map(|s| s.netuid).collect::<Vec<_>>(), vec![0, 1]);
		let s = queries::subnet(1).unwrap();
		assert_eq!(s.owner, Some(alice.clone()));
		assert_eq!(s.lock, lock);
		assert_eq!((s.n, s.tempo, s.emission_share_ppb, s.emission_per_block), (2, 9, 1_000_000_000, TAO));
		assert_eq!(s.pending_emission, TAO, "block 2's emission");
		assert_eq!(s.next_epoch_block, 8, "(8 + 1 + 1) % 10 == 0");
		assert_eq!(s.hyperparams.tempo, 9);
		assert!(!s.dissolving && s.last_epoch_block.is_none());

		run_to_block(28);
		let s = queries::subnet(1).unwrap();
		assert_eq!((s.last_epoch_block, s.next_epoch_block), (Some(28), 38));

		// Metagraph: Dave mines (all incentive), Charlie validates (all dividends).
		let page = queries::metagraph(1, 0, 100);
		assert_eq!(page.len(), 2);
		let (c, d) = (&page[0], &page[1]);
		assert_eq!((c.uid, &c.hotkey, c.coldkey.as_ref()), (0, &charlie, Some(&bob)));
		assert_eq!((d.incentive, d.dividends, c.incentive, c.dividends), (65_535, 0, 0, 65_535));
		assert!(c.validator_permit && !d.validator_permit);
		assert_eq!(c.emission + d.emission, 8_200_000_000, "10 TAO less the owner's cut");
		assert_eq!(c.weights, vec![(1, 65_535)]);
		assert!(!c.bonds.is_empty());
		assert_eq!(c.last_update, 2);
		assert_eq!(d.registered_at, 1);
		assert_eq!(c.stake, yuma_runtime::Stake::hotkey_stake(&charlie));
		assert_eq!(queries::metagraph(1, 1, 100), vec![d.clone()], "paged from uid 1");
		assert_eq!(queries::metagraph(1, 0, 1).len(), 1, "at most `limit`");
		assert_eq!(queries::neuron_by_hotkey(1, dave.clone()), Some(d.clone()));
		assert_eq!(queries::neuron(1, 5), None);

		// Stake: Bob's positions (his take on Charlie, his incentive on Dave), Charlie's stakers.
		let bobs = queries::positions(bob.clone(), 0, 10);
		assert_eq!(bobs.len(), 2);
		assert!(bobs.iter().all(|p| p.coldkey == bob && p.amount > 0));
		let on_charlie = queries::stakers(charlie.clone(), 0, 10);
		assert_eq!(on_charlie.len(), 2, "Eve and Bob (his take)");
		assert_eq!(queries::stakers(charlie.clone(), 1, 10).len(), 1, "paged");
		let h = queries::hotkey_stake(charlie.clone());
		assert_eq!((h.owner, h.stakers, h.take_ppb), (Some(bob.clone()), 2, 180_000_000));
		// The positions' floors leave at most a rao each in the pool.
		let sum = on_charlie.iter().map(|p| p.amount).sum::<u64>();
		assert!(h.total >= sum && h.total - sum <= 2, "{} vs {sum}", h.total);
		assert!(bobs.iter().all(|p| p.owed == p.amount), "Bob's rewards are owed, none minted yet");
		assert_eq!(System::block_number(), 28);
	});
}
