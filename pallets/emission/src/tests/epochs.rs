//! Epochs that pay known amounts, dissolution mid-tempo, root shares.

use frame_support::{assert_noop, assert_ok};
use yuma_primitives::SubnetRegistry;

use super::*;
use crate::{Event, Metagraphs, PendingEmission, SubnetShare, TotalCredited, TotalMinted, TotalPending, TotalRecycled};

fn paid(netuid: u16) -> Option<Event<Test>> {
	events().into_iter().find(|e| matches!(e, Event::EpochPaid { netuid: n, .. } if *n == netuid))
}

/// Subnet 1 (owner 1, tempo 9: epochs at blocks 8, 18, 28, ...): validator
/// hotkey 100 (coldkey 3, 100 TAO staked) weights miner hotkey 101 (coldkey 4).
fn validator_and_miner() -> u16 {
	let netuid = subnet(1, 9);
	neuron(netuid, 3, 100);
	neuron(netuid, 4, 101);
	assert_ok!(Stake::add_stake(RuntimeOrigin::signed(3), 100, 100 * TAO));
	// Weights set in the block the miner registered would be masked (YUMA.md step 5).
	run_to_block(2);
	assert_ok!(Weights::set_weights(RuntimeOrigin::signed(100), netuid, vec![1], vec![1], 0));
	events();
	netuid
}

#[test]
fn epochs_pay_the_owner_cut_then_validators_and_miners_to_the_rao() {
	build_and_execute(|| {
		let netuid = validator_and_miner();
		let owner_free = Balances::free_balance(1);

		// Epoch at block 8: no stake counted yet (flash-stake rule): nobody is
		// paid, so the owner's cut is recycled too (an empty subnet is no
		// emission sink). Pending: blocks 2..=8, 7 TAO.
		run_to_block(8);
		let cut = 7 * TAO * 18 / 100;
		let evs = events();
		assert!(evs.contains(&Event::OwnerCutRecycled { netuid, amount: cut, reason: crate::OwnerCutRecycledReason::NothingPaid }));
		assert!(evs.contains(&Event::EpochPaid { netuid, due: 8, block: 8, pending: 7 * TAO, owner_cut: 0, to_miners: 0, to_validators: 0, recycled: 7 * TAO }));
		assert_eq!(Balances::free_balance(1), owner_free);

		// Block 18: the stake counts, but no permit was granted yet: validators
		// are paid by stake. 10 TAO pending, 8.2 TAO after the cut.
		run_to_block(18);
		assert_eq!(
			paid(netuid),
			Some(Event::EpochPaid { netuid, due: 18, block: 18, pending: 10 * TAO, owner_cut: 1_800_000_000, to_miners: 0, to_validators: 8_200_000_000, recycled: 0 })
		);
		// The take at once, the rest streamed by the next block.
		assert_eq!(staked(100, 3), 100 * TAO + 8_200_000_000 * 18 / 100);
		run_to_block(19);
		assert_eq!(staked(100, 3), 100 * TAO + 8_200_000_000);

		// Block 28: permit, consensus and bonds: half to the miner, half to the validator.
		run_to_block(28);
		assert_eq!(
			paid(netuid),
			Some(Event::EpochPaid { netuid, due: 28, block: 28, pending: 10 * TAO, owner_cut: 1_800_000_000, to_miners: 4_100_000_000, to_validators: 4_100_000_000, recycled: 0 })
		);
		assert_eq!(staked(101, 4), 4_100_000_000, "miner's owner, as stake");
		let m = Metagraphs::<Test>::get(netuid).unwrap();
		assert_eq!(m.incentive.into_inner(), vec![0, 65_535]);
		assert_eq!(m.dividends.into_inner(), vec![65_535, 0]);
		assert_eq!(m.emission.into_inner(), vec![4_100_000_000, 4_100_000_000]);
		assert_eq!(m.validator_permit.into_inner(), vec![true, false], "the miner has no stake");
		// Everything promised was either minted, credited or recycled.
		assert_eq!(TotalMinted::<Test>::get() + TotalCredited::<Test>::get() + TotalRecycled::<Test>::get(), 27 * TAO);
		assert_eq!(Balances::free_balance(1), owner_free + 2 * 1_800_000_000, "the cuts of the epochs that paid");
		assert_eq!(TotalPending::<Test>::get(), 0);
		run_to_block(29);
		assert_eq!(staked(100, 3), 100 * TAO + 8_200_000_000 + 4_100_000_000);
	});
}

#[test]
fn a_dissolved_subnet_stops_accruing_and_its_pending_is_recycled() {
	build_and_execute(|| {
		let netuid = validator_and_miner();
		run_to_block(5);
		let pending = PendingEmission::<Test>::get(netuid);
		assert_eq!(pending, 4 * TAO, "blocks 2 to 5");
		assert_ok!(Subnets::dissolve_network(RuntimeOrigin::signed(1), netuid));
		run_to_block(6);
		assert_eq!(PendingEmission::<Test>::get(netuid), 0);
		assert_eq!(TotalRecycled::<Test>::get(), 4 * TAO);
		assert!(Metagraphs::<Test>::get(netuid).is_none());
		run_to_block(30);
		assert_eq!(TotalPending::<Test>::get(), 0, "no subnet left: nothing accrues");
	});
}

#[test]
fn root_weights_set_the_subnets_shares() {
	build_and_execute(|| {
		let a = validator_and_miner();
		let b = subnet(2, 9);
		// Hotkey 100 joins root; root epochs every 5 blocks, weights 3:1 over a and b.
		assert_ok!(Subnets::root_register(RuntimeOrigin::signed(3), 100));
		for value in [H::Tempo(4), H::CommitRevealEnabled(false), H::WeightsRateLimit(0)] {
			assert_ok!(Subnets::set_hyperparameter(RuntimeOrigin::root(), 0, value));
		}
		assert_ok!(Weights::set_weights(RuntimeOrigin::signed(100), 0, vec![a, b], vec![3, 1], 0));
		// Root epochs at blocks 4, 9, 14: stake counts from the second, the
		// permit from the third.
		run_to_block(14);
		let shares = (SubnetShare::<Test>::get(a).unwrap(), SubnetShare::<Test>::get(b).unwrap());
		// 3:1, up to the engine's rounding of 2^-32.
		assert!((shares.0 as i64 - 3 * shares.1 as i64).abs() <= 4, "{shares:?}");
		let before = (PendingEmission::<Test>::get(a), PendingEmission::<Test>::get(b));
		run_to_block(15);
		assert_eq!(PendingEmission::<Test>::get(a) - before.0, 750_000_000);
		assert_eq!(PendingEmission::<Test>::get(b) - before.1, 250_000_000);
		assert!(Subnets::exists(b));
	});
}

/// What the engine makes of `netuid`'s epoch at `block` with `pending`
/// emission, from storage read independently of the pallet: every stored
/// weights row of the uids of `hotkeys` (in uid order), and the stake the
/// epoch counts (the smaller of now and the last snapshot).
fn engine_at(netuid: u16, hotkeys: &[u64], block: u64, pending: u64) -> yuma_consensus::EpochOutput {
	use yuma_consensus::{epoch, EpochInput, PreviousState};
	let n = hotkeys.len() as u16;
	let snapshot = pallet_stake::EpochStakeSnapshot::<Test>::get(netuid);
	let stake: Vec<u64> = hotkeys
		.iter()
		.enumerate()
		.map(|(uid, hotkey)| {
			pallet_stake::Pallet::<Test>::hotkey_stake(hotkey).min(snapshot.get(uid).copied().unwrap_or(0))
		})
		.collect();
	let input = EpochInput {
		block,
		emission: pending - pending * 18 / 100,
		stake,
		last_update: (0..n).map(|uid| pallet_weights::LastUpdate::<Test>::get(netuid, uid).unwrap_or(0)).collect(),
		registered_at: pallet_subnets::RegisteredAt::<Test>::get(netuid).into_inner(),
		weights: (0..n)
			.map(|uid| pallet_weights::Weights::<Test>::get(netuid, uid).map(|r| r.into_inner()).unwrap_or_default())
			.collect(),
	};
	let previous = PreviousState {
		last_epoch_block: crate::LastEpochBlock::<Test>::get(netuid).unwrap(),
		permit: Metagraphs::<Test>::get(netuid).unwrap().validator_permit.into_inner(),
		bonds: (0..n).map(|uid| crate::Bonds::<Test>::get(netuid, uid).map(|r| r.into_inner()).unwrap_or_default()).collect(),
	};
	let hp = Subnets::hyperparams(netuid).unwrap();
	epoch(&input, &crate::epoch::epoch_config(&hp), &previous).unwrap()
}

#[test]
fn the_epoch_matches_the_engine_on_the_same_inputs() {
	use yuma_consensus::to_u16;
	build_and_execute(|| {
		let netuid = validator_and_miner();
		run_to_block(27);
		// What epoch 28 must make of what it will see.
		let expected = engine_at(netuid, &[100, 101], 28, PendingEmission::<Test>::get(netuid) + TAO);

		run_to_block(28);
		let m = Metagraphs::<Test>::get(netuid).unwrap();
		let u16s = |v: &[yuma_consensus::Fx]| v.iter().map(|x| to_u16(*x)).collect::<Vec<_>>();
		assert_eq!(m.consensus.into_inner(), u16s(&expected.consensus));
		assert_eq!(m.incentive.into_inner(), u16s(&expected.incentive));
		assert_eq!(m.dividends.into_inner(), u16s(&expected.dividends));
		assert_eq!(m.trust.into_inner(), u16s(&expected.trust));
		assert_eq!(m.validator_trust.into_inner(), u16s(&expected.validator_trust));
		assert_eq!(m.rank.into_inner(), u16s(&expected.rank));
		assert_eq!(m.emission.into_inner(), expected.emission);
		assert_eq!(m.validator_permit.into_inner(), expected.validator_permit);
		for uid in 0..2u16 {
			let stored = crate::Bonds::<Test>::get(netuid, uid).map(|r| r.into_inner()).unwrap_or_default();
			assert_eq!(stored, expected.bonds[uid as usize]);
		}
	});
}

#[test]
fn two_hundred_blocks_of_random_activity_keep_every_invariant() {
	build_and_execute(|| {
		let nets = [subnet(1, 7), subnet(2, 12)];
		let mut x: u64 = 0x2545_F491_4F6C_DD1D;
		let mut next = move |m: u64| {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			x % m
		};
		for _ in 0..200 {
			let netuid = nets[next(2) as usize];
			let coldkey = 3 + next(10);
			let hotkey = 100 + next(12);
			match next(4) {
				0 => {
					let _ = Subnets::burned_register(RuntimeOrigin::signed(coldkey), netuid, hotkey);
				},
				1 => {
					let _ = Stake::add_stake(RuntimeOrigin::signed(coldkey), hotkey, next(50 * TAO) + 2_000_000);
				},
				2 => {
					let _ = Stake::remove_stake(RuntimeOrigin::signed(coldkey), hotkey, next(50 * TAO) + 1);
				},
				_ => {
					let n = Subnets::neuron_count(netuid);
					if n > 0 {
						let uids: Vec<u16> = (0..n).filter(|_| next(2) == 0).collect();
						let values: Vec<u16> = uids.iter().map(|_| next(65_535) as u16 + 1).collect();
						let _ = Weights::set_weights(RuntimeOrigin::signed(hotkey), netuid, uids, values, 0);
					}
				},
			}
			// run_to_block checks the invariants of all four pallets after the block.
			run_to_block(System::block_number() + 1);
		}
		// Every rao promised (1 TAO a block since block 2) is pending, minted, credited or recycled.
		let promised = (System::block_number() - 1) * TAO;
		assert_eq!(
			TotalPending::<Test>::get() + TotalMinted::<Test>::get() + TotalCredited::<Test>::get() + TotalRecycled::<Test>::get(),
			promised
		);
		assert!(TotalMinted::<Test>::get() > 0, "some epochs paid");
	});
}

#[test]
fn without_weights_validators_are_paid_by_stake_take_first_then_nominators_to_the_rao() {
	build_and_execute(|| {
		let netuid = subnet(1, 9);
		// Validator A (hotkey 100, coldkey 3, 30 TAO) with nominator 5 (10 TAO);
		// validator B (hotkey 101, coldkey 4, 20 TAO). No one sets weights.
		neuron(netuid, 3, 100);
		neuron(netuid, 4, 101);
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(3), 100, 30 * TAO));
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(5), 100, 10 * TAO));
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(4), 101, 20 * TAO));
		// Block 8: stake not counted yet (flash-stake rule). Block 18: paid by stake.
		run_to_block(17);
		events();
		run_to_block(18);
		let Some(Event::EpochPaid { to_miners, to_validators, recycled, .. }) = paid(netuid) else { panic!("no epoch") };
		assert_eq!((to_miners, recycled), (0, 0));
		assert_eq!(to_validators, 8_200_000_000, "10 TAO less the owner's 18%");
		let m = Metagraphs::<Test>::get(netuid).unwrap();
		assert_eq!(m.incentive.into_inner(), vec![0, 0]);
		let (a, b) = (m.emission[0], m.emission[1]);
		assert_eq!(a + b, to_validators);
		// 40 : 20 TAO of stake, up to the engine's rounding.
		assert!(a.abs_diff(2 * b) <= 2, "{a} vs {b}");
		// A's dividends: 18% take to the owner's shares at once, the rest
		// streamed into the pool and shared by worth (the owner's 30 TAO plus
		// the take against the nominator's 10), to the rao, by the next block.
		run_to_block(19);
		let take = a * 18 / 100;
		let pool = 40 * TAO as u128 + a as u128;
		let shares = 40 * TAO as u128 + take as u128;
		let nominator = staked(100, 5);
		let owner = staked(100, 3);
		assert_eq!(nominator as u128, 10 * TAO as u128 * pool / shares);
		assert_eq!(owner as u128, (30 * TAO as u128 + take as u128) * pool / shares);
		assert!(pool - (owner + nominator) as u128 <= 1, "at most a rao of dust stays in the pool");
		assert_eq!(staked(101, 4), 20 * TAO + b, "B has no nominator");
	});
}

/// The attack: root members voted for subnet `b`; it is dissolved and a new
/// subnet takes netuid `b`. Clearing `b` drops those votes from the members'
/// rows, and root's epoch takes each subnet's registration block, so even a
/// vote cast before the new subnet existed (put back here by hand) counts
/// for nothing: the new subnet inherits no share.
#[test]
fn a_new_subnet_inherits_no_root_votes_from_the_dissolved_subnet_at_its_netuid() {
	build_and_execute(|| {
		let a = validator_and_miner();
		let b = subnet(2, 9);
		assert_ok!(Subnets::root_register(RuntimeOrigin::signed(3), 100));
		for value in [H::Tempo(4), H::CommitRevealEnabled(false), H::WeightsRateLimit(0)] {
			assert_ok!(Subnets::set_hyperparameter(RuntimeOrigin::root(), 0, value));
		}
		assert_ok!(Weights::set_weights(RuntimeOrigin::signed(100), 0, vec![a, b], vec![3, 1], 0));
		let voted = System::block_number();
		run_to_block(14);
		assert!(SubnetShare::<Test>::get(b).is_some(), "b has its share");
		let stale_row = pallet_weights::Weights::<Test>::get(0, 0).unwrap();

		assert_ok!(Subnets::dissolve_network(RuntimeOrigin::signed(2), b));
		run_to_block(16);
		assert!(!Subnets::exists(b));
		assert_eq!(
			pallet_weights::Weights::<Test>::get(0, 0).unwrap().into_inner(),
			vec![(a, 65_535)],
			"the vote for b is gone from the member's row"
		);
		assert_ok!(Subnets::register_network(RuntimeOrigin::signed(5)));
		assert!(Subnets::exists(b), "the new subnet took netuid b");
		assert_eq!(Subnets::network_registered_at(b), 16);
		// The old vote, put back as if clearing had missed it.
		pallet_weights::Weights::<Test>::insert(0, 0, stale_row);
		assert_eq!(pallet_weights::LastUpdate::<Test>::get(0, 0), Some(voted));
		run_to_block(30);
		assert_eq!(SubnetShare::<Test>::get(b), None, "no share from a vote older than the subnet");
		assert!(SubnetShare::<Test>::get(a).is_some());
	});
}

/// The attack: root is full; a hotkey borrows 500 TAO of stake and joins
/// root with it, evicting the weakest member, in the block it borrowed or
/// right after the next root epoch. Root seats count the lowest value a
/// pool held since the root epoch before last: the borrowed stake wins
/// nothing. Held through a whole root interval, it is stake like any other
/// and takes the seat.
#[test]
fn stake_borrowed_for_a_block_buys_no_root_seat() {
	build_and_execute(|| {
		for value in [H::Tempo(4), H::CommitRevealEnabled(false), H::WeightsRateLimit(0)] {
			assert_ok!(Subnets::set_hyperparameter(RuntimeOrigin::root(), 0, value));
		}
		// Four members (the limit), 10 TAO each, the last with 9.
		for (k, stake) in [(0u64, 10), (1, 10), (2, 10), (3, 9)] {
			assert_ok!(Subnets::root_register(RuntimeOrigin::signed(5 + k), 100 + k));
			assert_ok!(Stake::add_stake(RuntimeOrigin::signed(5 + k), 100 + k, stake * TAO));
		}
		let netuid = subnet(1, 9);
		neuron(netuid, 9, 200);
		run_to_block(10); // root epochs at 4 and 9: the members' stake has settled
		let members = || (0..4).map(|uid| pallet_subnets::Keys::<Test>::get(0, uid).unwrap()).collect::<Vec<_>>();
		assert_eq!(members(), vec![100, 101, 102, 103]);

		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(9), 200, 500 * TAO));
		assert_eq!(Stake::hotkey_stake(&200), 500 * TAO);
		assert_noop!(
			Subnets::root_register(RuntimeOrigin::signed(9), 200),
			pallet_subnets::Error::<Test>::StakeTooLowForRoot
		);
		assert_eq!(members(), vec![100, 101, 102, 103], "nobody evicted");

		// Kept across the next root epoch (block 14) and claimed in its
		// block, it still counts nothing: it was not held through a whole
		// root interval.
		run_to_block(14);
		assert_eq!(pallet_stake::RootEpochAt::<Test>::get(), 14);
		assert_noop!(
			Subnets::root_register(RuntimeOrigin::signed(9), 200),
			pallet_subnets::Error::<Test>::StakeTooLowForRoot
		);
		// Held from block 10 through the interval from 14 to 19, it counts.
		run_to_block(20);
		assert_ok!(Subnets::root_register(RuntimeOrigin::signed(9), 200));
		assert_eq!(members(), vec![100, 101, 102, 200], "the weakest member (9 TAO) leaves");
	});
}

#[test]
fn rows_of_uids_without_a_permit_are_neither_read_nor_charged() {
	use yuma_consensus::to_u16;
	build_and_execute(|| {
		let netuid = validator_and_miner();
		// One permit, won by 100's 100 TAO. Hotkey 102 stakes the 1 TAO that
		// lets a uid without a permit set weights, and stores a row.
		assert_ok!(Subnets::set_hyperparameter(RuntimeOrigin::root(), netuid, H::MaxAllowedValidators(1)));
		neuron(netuid, 5, 102);
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(5), 102, TAO));
		run_to_block(20);
		assert_ok!(Weights::set_weights(RuntimeOrigin::signed(102), netuid, vec![0, 1], vec![9, 1], 0));
		run_to_block(27);
		assert_eq!(Metagraphs::<Test>::get(netuid).unwrap().validator_permit.into_inner(), vec![true, false, false]);
		assert_eq!(pallet_weights::Weights::<Test>::get(netuid, 2).unwrap().len(), 2, "the row is stored");
		// What the engine makes of every stored row, the unpermitted one included.
		let expected = engine_at(netuid, &[100, 101, 102], 28, PendingEmission::<Test>::get(netuid));
		let hp = Subnets::hyperparams(netuid).unwrap();

		System::set_block_number(28);
		let (weight, computed) = crate::Pallet::<Test>::compute_epoch(netuid, 28, &hp);
		// Charged for one row of one weight (the validator's), not for 102's.
		assert_eq!(weight, <() as crate::WeightInfo>::subnet_epoch(3, 1, 1));
		let c = computed.expect("the engine ran");
		crate::Pallet::<Test>::pay(netuid, 28, 28, c.pending, c.owner_cut, &c.payouts);
		let m = Metagraphs::<Test>::get(netuid).unwrap();
		let u16s = |v: &[yuma_consensus::Fx]| v.iter().map(|x| to_u16(*x)).collect::<Vec<_>>();
		assert_eq!(m.incentive.into_inner(), u16s(&expected.incentive));
		assert_eq!(m.dividends.into_inner(), u16s(&expected.dividends));
		assert_eq!(m.emission.into_inner(), expected.emission);
		assert!(expected.emission[1] > 0 && expected.emission[2] == 0, "the miner is paid, 102 is not");
	});
}

/// A minimum position (0.002 TAO) buys no validator permit under the
/// default `validator_min_stake` of 1 TAO, even on a subnet with room for
/// 64 validators: its stake counts as zero. A validator with 1 TAO gets one.
#[test]
fn a_minimum_position_buys_no_validator_permit_under_the_defaults() {
	build_and_execute(|| {
		let netuid = subnet(1, 9);
		let hp = pallet_subnets::Hyperparams::<Test>::get(netuid).unwrap();
		assert_eq!((hp.validator_min_stake, hp.max_allowed_validators), (TAO, 64));
		neuron(netuid, 3, 100);
		neuron(netuid, 4, 101);
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(3), 100, 2_000_000));
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(4), 101, TAO));
		run_to_block(28);
		let m = Metagraphs::<Test>::get(netuid).unwrap();
		assert_eq!(m.validator_permit.into_inner(), vec![false, true]);
	});
}
