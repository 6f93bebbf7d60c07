//! OpenGov inside the runtime: referenda decided by staked TAO, enacted by
//! the scheduler, and every way to make one rao vote twice, tried.

#![allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::expect_used, clippy::unwrap_used)]

use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, schedule::DispatchTime, StorePreimage},
};
use frame_system::RawOrigin;
use pallet_conviction_voting::Conviction;
use pallet_referenda::ReferendumInfo;
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave, Eve, Ferdie};
use sp_runtime::{traits::Hash, DispatchError, TokenError};
use yuma_primitives::SubnetRegistry;
use yuma_runtime::{
	currency::TAO, AccountId, Balances, ConvictionVoting, OriginCaller, Preimage, Referenda, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeHoldReason, RuntimeOrigin, Stake, Subnets, System,
};

mod common;
use common::*;

type VotingError = pallet_conviction_voting::Error<Runtime>;
type ReferendaError = pallet_referenda::Error<Runtime>;

/// Charlie's hotkey on subnet 1 (owned by Bob); Dave stakes 6,000 TAO and
/// Eve 4,000 TAO on it: total stake 10,000 TAO.
fn with_stakers(test: impl FnOnce()) {
	state_of("development").execute_with(|| {
		assert_ok!(Subnets::register_network(RuntimeOrigin::signed(account(Alice))));
		assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(account(Bob)), 1, account(Charlie)));
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(account(Dave)), account(Charlie), 6_000 * TAO));
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(account(Eve)), account(Charlie), 4_000 * TAO));
		assert_eq!(pallet_stake::TotalStake::<Runtime>::get(), 10_000 * TAO);
		System::reset_events();
		test();
		Stake::do_try_state().unwrap();
	});
}

fn signed(who: &AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.clone())
}

/// The (ayes, nays, support) of an ongoing referendum.
fn tally(index: u32) -> (u64, u64, u64) {
	match pallet_referenda::ReferendumInfoFor::<Runtime>::get(index) {
		Some(ReferendumInfo::Ongoing(status)) => (status.tally.ayes, status.tally.nays, status.tally.support),
		other => panic!("referendum {index} is not ongoing: {other:?}"),
	}
}

fn approved(index: u32) -> bool {
	matches!(pallet_referenda::ReferendumInfoFor::<Runtime>::get(index), Some(ReferendumInfo::Approved(..)))
}

/// The result of the last enacted call: the scheduler's `Dispatched` of a
/// named task (referenda also schedule their alarms, unnamed).
fn enacted() -> Option<sp_runtime::DispatchResult> {
	events().into_iter().rev().find_map(|e| match e {
		RuntimeEvent::Scheduler(pallet_scheduler::Event::Dispatched { id: Some(_), result, .. }) => Some(result),
		_ => None,
	})
}

/// Sends all of `who`'s free balance but `keep` to Alice.
fn spend_all_but(who: &AccountId, keep: u64) {
	let free = Balances::free_balance(who);
	assert_ok!(Balances::transfer_allow_death(signed(who), account(Alice).into(), free - keep));
}

fn events() -> Vec<RuntimeEvent> {
	System::events().into_iter().map(|r| r.event).collect()
}

/// The code hash in `System::AuthorizedUpgrade` (a private storage item,
/// read by its key as polkadot.js reads it).
fn authorized_upgrade() -> Option<H256> {
	let key = [sp_io::hashing::twox_128(b"System"), sp_io::hashing::twox_128(b"AuthorizedUpgrade")].concat();
	frame_support::storage::unhashed::get::<frame_system::CodeUpgradeAuthorization<Runtime>>(&key)
		.map(|a| *a.code_hash())
}

fn upgrade_call() -> (H256, RuntimeCall) {
	let code_hash = <Runtime as frame_system::Config>::Hashing::hash(b"the next runtime");
	(code_hash, RuntimeCall::System(frame_system::Call::authorize_upgrade { code_hash }))
}

#[test]
fn stakers_pass_a_referendum_that_authorizes_an_upgrade() {
	with_stakers(|| {
		let (dave, ferdie) = (account(Dave), account(Ferdie));
		let free = Balances::free_balance(&ferdie);
		let (code_hash, call) = upgrade_call();
		let index = propose(call, root());
		// 1 TAO submission deposit and the root track's 1,000 TAO decision deposit.
		assert_eq!(Balances::free_balance(&ferdie), free - 1_001 * TAO);

		// Dave's 6,000 TAO: 60% of all stake, above root's starting support (50%).
		assert_ok!(vote(&dave, index, true, 6_000 * TAO));
		assert_eq!(tally(index), (6_000 * TAO, 0, 6_000 * TAO));
		assert!(authorized_upgrade().is_none());

		// prepare (2) + confirm (2) + enactment (1) blocks, with margin.
		run_to_block(10);
		assert!(approved(index));
		assert_eq!(authorized_upgrade(), Some(code_hash));
		assert!(events().contains(&RuntimeEvent::System(frame_system::Event::UpgradeAuthorized {
			code_hash,
			check_version: true
		})));
		assert_eq!(enacted(), Some(Ok(())));

		// Both deposits come back to whoever placed them.
		assert_ok!(Referenda::refund_decision_deposit(signed(&dave), index));
		assert_ok!(Referenda::refund_submission_deposit(signed(&dave), index));
		assert_eq!(Balances::free_balance(&ferdie), free);
	});
}

#[test]
fn a_failing_enacted_call_changes_nothing_and_reports_its_error() {
	with_stakers(|| {
		// A batch whose second call fails: the first (a storage write) is undone too.
		let key = b":governed:".to_vec();
		let call = RuntimeCall::Utility(pallet_utility::Call::batch_all {
			calls: vec![
				RuntimeCall::System(frame_system::Call::set_storage { items: vec![(key.clone(), vec![1])] }),
				RuntimeCall::Subnets(pallet_subnets::Call::dissolve_network { netuid: 99 }),
			],
		});
		let index = propose(call, root());
		assert_ok!(vote(&account(Dave), index, true, 6_000 * TAO));
		run_to_block(10);
		assert!(approved(index));
		assert_eq!(enacted(), Some(Err(pallet_subnets::Error::<Runtime>::SubnetNotFound.into())));
		assert_eq!(frame_support::storage::unhashed::get_raw(&key), None);
		assert_eq!(pallet_subnets::SubnetCount::<Runtime>::get(), 2);
	});
}

#[test]
fn support_is_measured_against_all_stake() {
	with_stakers(|| {
		// Eve's 4,000 TAO are 40% of stake: under root's support from the
		// start (50%), and over its end (10%) only once the curve falls.
		let index = propose(upgrade_call().1, root());
		assert_ok!(vote(&account(Eve), index, true, 4_000 * TAO));
		let confirming = || match pallet_referenda::ReferendumInfoFor::<Runtime>::get(index) {
			Some(ReferendumInfo::Ongoing(status)) => status.deciding.expect("deciding").confirming.is_some(),
			other => panic!("{other:?}"),
		};
		// Deciding from block 3 (prepare: 2 blocks); the curve (50% -> 10%
		// over 20 blocks) reaches 40% 5 blocks later: confirming from block 8.
		run_to_block(7);
		assert!(!confirming());
		run_to_block(8);
		assert!(confirming());
		run_to_block(10);
		assert!(approved(index));

		// A voter with no stake cannot lift support: 100% approval of a
		// referendum with 1% support fails at the end of its decision period.
		let index = propose(upgrade_call().1, root());
		assert_ok!(Stake::add_stake(signed(&account(Ferdie)), account(Charlie), 100 * TAO));
		assert_ok!(vote(&account(Ferdie), index, true, 100 * TAO));
		run_to_block(60);
		assert!(matches!(
			pallet_referenda::ReferendumInfoFor::<Runtime>::get(index),
			Some(ReferendumInfo::Rejected(..))
		));
	});
}

#[test]
fn unstaked_tao_does_not_vote_and_no_vote_exceeds_the_stake() {
	with_stakers(|| {
		let index = propose(upgrade_call().1, root());
		// Ferdie holds 98,999 TAO and no stake; Dave has 6,000 staked.
		assert_noop!(vote(&account(Ferdie), index, true, TAO), VotingError::InsufficientFunds);
		assert_noop!(vote(&account(Dave), index, true, 6_000 * TAO + 1), VotingError::InsufficientFunds);
		// The hotkey's owner does not vote with its nominators' stake.
		assert_noop!(vote(&account(Bob), index, true, TAO), VotingError::InsufficientFunds);
		// Delegating is bounded the same way.
		assert_noop!(
			ConvictionVoting::delegate(signed(&account(Ferdie)), 0, account(Dave).into(), Conviction::Locked1x, TAO),
			VotingError::InsufficientFunds
		);
	});
}

#[test]
fn the_same_rao_never_votes_twice() {
	with_stakers(|| {
		let (dave, eve, ferdie) = (account(Dave), account(Eve), account(Ferdie));
		let index = propose(upgrade_call().1, root());
		assert_ok!(vote(&dave, index, true, 6_000 * TAO));

		// Unstake and send the TAO to another account to vote again: the
		// vote's lock keeps them on Dave's account.
		spend_all_but(&dave, TAO);
		assert_ok!(Stake::remove_stake(signed(&dave), account(Charlie), 6_000 * TAO));
		assert_eq!(Balances::free_balance(&dave), TAO);
		assert_eq!(Stake::vote_locked(&dave), 6_000 * TAO);
		assert_noop!(
			Balances::transfer_allow_death(signed(&dave), ferdie.clone().into(), 1_000 * TAO),
			TokenError::FundsUnavailable
		);
		assert_noop!(vote(&ferdie, index, true, TAO), VotingError::InsufficientFunds);

		// Restake the locked TAO (a lock does not stop staking) and vote
		// again: the new vote replaces the old, it does not add to it.
		assert_ok!(Stake::add_stake(signed(&dave), account(Charlie), 6_000 * TAO));
		assert_ok!(vote(&dave, index, true, 6_000 * TAO));
		assert_eq!(tally(index), (6_000 * TAO, 0, 6_000 * TAO));

		// Move the stake to another hotkey and vote once more: still once.
		run_to_block(2); // one registration per block on a new subnet
		assert_ok!(Subnets::burned_register(signed(&account(Bob)), 1, account(Alice)));
		assert_ok!(Stake::move_stake(signed(&dave), account(Charlie), account(Alice), 6_000 * TAO));
		assert_ok!(vote(&dave, index, true, 6_000 * TAO));
		assert_eq!(tally(index), (6_000 * TAO, 0, 6_000 * TAO));

		// Delegation: Eve delegates her 4,000 to Dave; she cannot also vote
		// herself, and her stake counts once, through Dave.
		assert_ok!(ConvictionVoting::delegate(signed(&eve), 0, dave.clone().into(), Conviction::Locked1x, 4_000 * TAO));
		assert_noop!(vote(&eve, index, true, 4_000 * TAO), VotingError::AlreadyDelegating);
		assert_eq!(tally(index), (10_000 * TAO, 0, 10_000 * TAO));
	});
}

/// pallet-balances lets any hold stand under a freeze, so a subnet's
/// network lock or a referendum's deposit would cover a vote's lock once the
/// voter unstaked, and the unstaked TAO could go to another account and vote
/// again. They stay held (`stake.VoteLocked`) instead.
#[test]
fn no_network_lock_or_deposit_stands_under_a_vote_lock() {
	with_stakers(|| {
		let (alice, dave, ferdie) = (account(Alice), account(Dave), account(Ferdie));
		let index = propose(upgrade_call().1, root());
		// Alice owns subnet 1 (its network lock is held on her account); Dave
		// pays the deposits of a second referendum.
		assert_ok!(Stake::add_stake(signed(&alice), account(Charlie), 1_000 * TAO));
		let second = pallet_referenda::ReferendumCount::<Runtime>::get();
		let proposal = Preimage::bound(RuntimeCall::System(frame_system::Call::remark { remark: vec![1] })).unwrap();
		assert_ok!(Referenda::submit(signed(&dave), Box::new(root()), proposal, DispatchTime::After(0)));
		assert_ok!(Referenda::place_decision_deposit(signed(&dave), second));
		for (who, staked) in [(&alice, 1_000 * TAO), (&dave, 6_000 * TAO)] {
			assert!(Balances::total_balance_on_hold(who) > staked, "another hold besides the stake");
			assert_ok!(vote(who, index, true, staked));
			// (Not `spend_all_but`: it pays Alice.)
			let free = Balances::free_balance(who);
			assert_ok!(Balances::transfer_allow_death(signed(who), account(Eve).into(), free - TAO));
			assert_ok!(Stake::remove_stake(signed(who), account(Charlie), staked));
			assert_eq!(Stake::vote_locked(who), staked);
			assert_eq!(Balances::free_balance(who), TAO);
			assert_noop!(
				Balances::transfer_allow_death(signed(who), ferdie.clone().into(), 2 * TAO),
				TokenError::FundsUnavailable
			);
		}
		assert_noop!(vote(&ferdie, index, true, TAO), VotingError::InsufficientFunds);
		assert_eq!(tally(index), (7_000 * TAO, 0, 7_000 * TAO));
	});
}

#[test]
fn a_vote_lock_outlives_the_referendum_but_not_the_conviction_period() {
	with_stakers(|| {
		let (dave, ferdie) = (account(Dave), account(Ferdie));
		spend_all_but(&dave, TAO);
		let index = propose(upgrade_call().1, root());
		assert_ok!(vote(&dave, index, true, 6_000 * TAO));
		run_to_block(10);
		assert!(approved(index));
		// Voting on a finished referendum is refused.
		assert_noop!(vote(&dave, index, false, TAO), VotingError::NotOngoing);
		// The lock does not stop unstaking.
		assert_ok!(Stake::remove_stake(signed(&dave), account(Charlie), 6_000 * TAO));

		// Locked1x: one vote locking period (10 blocks) after approval (block 10).
		assert_ok!(ConvictionVoting::remove_vote(signed(&dave), Some(0), index));
		assert_ok!(ConvictionVoting::unlock(signed(&dave), 0, dave.clone().into()));
		assert_eq!(Stake::vote_locked(&dave), 6_000 * TAO);
		assert_noop!(
			Balances::transfer_allow_death(signed(&dave), ferdie.clone().into(), 1_000 * TAO),
			TokenError::FundsUnavailable
		);
		run_to_block(20);
		assert_ok!(ConvictionVoting::unlock(signed(&dave), 0, dave.clone().into()));
		assert!(events().contains(&RuntimeEvent::Stake(pallet_stake::Event::VoteLockReleased {
			coldkey: dave.clone(),
			amount: 6_000 * TAO
		})));
		assert_eq!(Stake::vote_locked(&dave), 0);
		assert_ok!(Balances::transfer_allow_death(signed(&dave), ferdie.into(), 6_000 * TAO));
	});
}

#[test]
fn a_proposal_goes_only_on_the_track_of_its_origin() {
	with_stakers(|| {
		let ferdie = account(Ferdie);
		let proposal = Preimage::bound(upgrade_call().1).unwrap();
		// A signed origin has no track: nobody can get a call dispatched "as"
		// another account by referendum.
		assert_noop!(
			Referenda::submit(
				signed(&ferdie),
				Box::new(OriginCaller::system(RawOrigin::Signed(account(Alice)))),
				proposal.clone(),
				DispatchTime::After(0)
			),
			ReferendaError::NoTrack
		);
		for (origin, track) in [
			(root(), 0u16),
			(OriginCaller::Governance(pallet_governance::Origin::Subnets), 1),
			(OriginCaller::Governance(pallet_governance::Origin::Parameters), 2),
		] {
			let index = pallet_referenda::ReferendumCount::<Runtime>::get();
			assert_ok!(Referenda::submit(signed(&ferdie), Box::new(origin), proposal.clone(), DispatchTime::After(0)));
			match pallet_referenda::ReferendumInfoFor::<Runtime>::get(index) {
				Some(ReferendumInfo::Ongoing(status)) => assert_eq!(status.track, track),
				other => panic!("{other:?}"),
			}
		}
	});
}

#[test]
fn an_upgrade_on_the_parameters_track_is_refused_at_enactment() {
	with_stakers(|| {
		// `authorize_upgrade` needs root: dispatched as the parameters
		// track's origin it fails, and nothing is authorized.
		let index = propose(upgrade_call().1, OriginCaller::Governance(pallet_governance::Origin::Parameters));
		assert_ok!(vote(&account(Dave), index, true, 6_000 * TAO));
		run_to_block(10);
		assert!(approved(index));
		assert_eq!(enacted(), Some(Err(DispatchError::BadOrigin)));
		assert!(authorized_upgrade().is_none());
	});
}

#[test]
fn a_killed_referendum_burns_its_deposits_through_the_ledger() {
	with_stakers(|| {
		let ferdie = account(Ferdie);
		let (issuance, burned) = (Balances::total_issuance(), pallet_emission::TotalBurned::<Runtime>::get());
		let index = propose(upgrade_call().1, root());
		// Only root or two thirds of the senate may kill.
		assert_noop!(Referenda::kill(signed(&ferdie), index), DispatchError::BadOrigin);
		assert_ok!(Referenda::kill(RuntimeOrigin::root(), index));
		assert!(matches!(pallet_referenda::ReferendumInfoFor::<Runtime>::get(index), Some(ReferendumInfo::Killed(..))));
		assert_eq!(Balances::total_issuance(), issuance - 1_001 * TAO);
		assert_eq!(pallet_emission::TotalBurned::<Runtime>::get(), burned + 1_001 * TAO);
		run_to_block(3); // checks the supply ledger
	});
}

#[test]
fn a_preimage_deposit_is_held_and_returned() {
	with_stakers(|| {
		let ferdie = account(Ferdie);
		let reason = RuntimeHoldReason::Preimage(pallet_preimage::HoldReason::Preimage);
		let bytes = vec![7u8; 10_000];
		let hash = <Runtime as frame_system::Config>::Hashing::hash(&bytes);
		assert_ok!(Preimage::note_preimage(signed(&ferdie), bytes.clone()));
		// 1 TAO + 0.000001 TAO per byte.
		assert_eq!(Balances::balance_on_hold(&reason, &ferdie), TAO + 10_000 * 1_000);
		assert_ok!(Preimage::unnote_preimage(signed(&ferdie), hash));
		assert_eq!(Balances::balance_on_hold(&reason, &ferdie), 0);
	});
}

type SenateError = pallet_collective::Error<Runtime, pallet_collective::Instance1>;

fn hotkey(k: u8) -> AccountId {
	AccountId::from([k; 32])
}

/// Registers `hotkey` for `coldkey` on subnet 1 (in a block of its own),
/// stakes `stake` on it from the same coldkey, and seats it on root.
fn seat_on_root(coldkey: &AccountId, hotkey: &AccountId, stake: u64) {
	run_to_block(System::block_number() + 1);
	assert_ok!(Subnets::burned_register(signed(coldkey), 1, hotkey.clone()));
	assert_ok!(Stake::add_stake(signed(coldkey), hotkey.clone(), stake));
	assert_ok!(Subnets::root_register(signed(coldkey), hotkey.clone()));
}

/// Runs blocks until the next root epoch has run.
fn run_to_root_epoch() {
	let last = pallet_emission::LastEpochBlock::<Runtime>::get(0);
	while pallet_emission::LastEpochBlock::<Runtime>::get(0) == last {
		run_to_block(System::block_number() + 1);
	}
}

fn senate() -> Vec<AccountId> {
	pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get()
}

/// Root with a tempo of 10 blocks and four seats: Charlie (Bob's), two of
/// Dave's hotkeys and one of Eve's; the senate after the next root epoch.
fn with_senate(test: impl FnOnce()) {
	with_stakers(|| {
		use pallet_subnets::Hyperparameter::{MaxAllowedUids, Tempo};
		assert_ok!(Subnets::set_hyperparameter(RuntimeOrigin::root(), 0, Tempo(10)));
		assert_ok!(Subnets::set_hyperparameter(RuntimeOrigin::root(), 0, MaxAllowedUids(4)));
		assert_ok!(Subnets::root_register(signed(&account(Bob)), account(Charlie)));
		seat_on_root(&account(Dave), &hotkey(1), 100 * TAO);
		seat_on_root(&account(Dave), &hotkey(2), 50 * TAO);
		seat_on_root(&account(Eve), &hotkey(3), 10 * TAO);
		assert_eq!(senate(), vec![]);
		run_to_root_epoch();
		test();
	});
}

fn sorted(mut accounts: Vec<AccountId>) -> Vec<AccountId> {
	accounts.sort();
	accounts
}

#[test]
fn the_senate_is_roots_coldkeys_each_once_and_follows_root_at_every_root_epoch() {
	with_senate(|| {
		// Dave owns two root hotkeys and has one seat.
		assert_eq!(senate(), sorted(vec![account(Bob), account(Dave), account(Eve)]));

		// Eve opens a motion; it goes with her seat.
		let index = propose(upgrade_call().1, root());
		let (call, length) = veto(index);
		assert_ok!(yuma_runtime::Senate::propose(signed(&account(Eve)), 2, Box::new(call), length));
		let eves = pallet_collective::Proposals::<Runtime, pallet_collective::Instance1>::get()[0];

		// Ferdie's hotkey, with more seat stake than Eve's, takes her root
		// seat once its stake has stood through a root epoch; the senate
		// follows at the next root epoch, not before.
		run_to_block(System::block_number() + 1);
		assert_ok!(Subnets::burned_register(signed(&account(Ferdie)), 1, hotkey(4)));
		assert_ok!(Stake::add_stake(signed(&account(Ferdie)), hotkey(4), 20 * TAO));
		run_to_root_epoch();
		run_to_root_epoch();
		assert_ok!(Subnets::root_register(signed(&account(Ferdie)), hotkey(4)));
		assert_eq!(Subnets::uid_of(0, &hotkey(3)), None);
		assert!(senate().contains(&account(Eve)));
		assert!(pallet_collective::ProposalOf::<Runtime, pallet_collective::Instance1>::contains_key(eves));
		run_to_root_epoch();
		assert_eq!(senate(), sorted(vec![account(Bob), account(Dave), account(Ferdie)]));
		// No seat, no motion: Eve's is disapproved, its slot free.
		assert!(pallet_collective::Proposals::<Runtime, pallet_collective::Instance1>::get().is_empty());
		assert!(events().contains(&RuntimeEvent::Senate(pallet_collective::Event::Disapproved { proposal_hash: eves })));
	});
}

/// The veto of referendum `index`, and its length (a senate motion names it).
fn veto(index: u32) -> (RuntimeCall, u32) {
	let call = RuntimeCall::Referenda(pallet_referenda::Call::cancel { index });
	let length = codec::Encode::encoded_size(&call) as u32;
	(call, length)
}

/// Bob proposes the veto of `index` to the senate with `threshold` votes.
fn propose_veto(index: u32, threshold: u32) -> sp_runtime::DispatchResultWithInfo<frame_support::dispatch::PostDispatchInfo> {
	let (call, length) = veto(index);
	yuma_runtime::Senate::propose(signed(&account(Bob)), threshold, Box::new(call), length)
}

/// Bob proposes `call` to the senate with threshold 2 of its 3 members; Bob
/// and Dave vote aye and Dave closes the motion, which dispatches `call`.
fn senate_carries(call: RuntimeCall) {
	let (bob, dave) = (account(Bob), account(Dave));
	let length = codec::Encode::encoded_size(&call) as u32;
	assert_ok!(yuma_runtime::Senate::propose(signed(&bob), 2, Box::new(call), length));
	let motion = *pallet_collective::Proposals::<Runtime, pallet_collective::Instance1>::get().last().unwrap();
	let motion_index = pallet_collective::ProposalCount::<Runtime, pallet_collective::Instance1>::get() - 1;
	assert_ok!(yuma_runtime::Senate::vote(signed(&bob), motion, motion_index, true));
	assert_ok!(yuma_runtime::Senate::vote(signed(&dave), motion, motion_index, true));
	assert_ok!(yuma_runtime::Senate::close(
		signed(&dave),
		motion,
		motion_index,
		frame_support::weights::Weight::from_parts(10_000_000_000, 1_000_000),
		length
	));
}

#[test]
fn two_thirds_of_the_senate_veto_a_referendum_on_any_track() {
	with_senate(|| {
		let dave = account(Dave);
		for origin in [
			root(),
			OriginCaller::Governance(pallet_governance::Origin::Subnets),
			OriginCaller::Governance(pallet_governance::Origin::Parameters),
		] {
			let index = propose(upgrade_call().1, origin);
			senate_carries(veto(index).0);
			assert!(matches!(
				pallet_referenda::ReferendumInfoFor::<Runtime>::get(index),
				Some(ReferendumInfo::Cancelled(..))
			));
			// A veto is not a punishment: the deposits come back.
			assert_ok!(Referenda::refund_decision_deposit(signed(&dave), index));
			assert_ok!(Referenda::refund_submission_deposit(signed(&dave), index));
		}
	});
}

/// A referendum submitted only to hold the root track's one deciding slot:
/// the senate kills it, and its deposits are burned through the ledger.
#[test]
fn two_thirds_of_the_senate_kill_a_referendum_and_burn_its_deposits() {
	with_senate(|| {
		let index = propose(upgrade_call().1, root());
		let (issuance, burned) = (Balances::total_issuance(), pallet_emission::TotalBurned::<Runtime>::get());
		senate_carries(RuntimeCall::Referenda(pallet_referenda::Call::kill { index }));
		assert!(matches!(pallet_referenda::ReferendumInfoFor::<Runtime>::get(index), Some(ReferendumInfo::Killed(..))));
		assert_eq!(Balances::total_issuance(), issuance - 1_001 * TAO);
		assert_eq!(pallet_emission::TotalBurned::<Runtime>::get(), burned + 1_001 * TAO);
		run_to_block(System::block_number() + 1); // checks the supply ledger
	});
}

#[test]
fn a_third_of_the_senate_or_a_non_member_cannot_veto() {
	with_senate(|| {
		let index = propose(upgrade_call().1, root());
		// A motion with threshold 1 executes at once, as 1 of 3 members: short of 2/3.
		assert_ok!(propose_veto(index, 1));
		assert!(events().iter().any(|e| matches!(
			e,
			RuntimeEvent::Senate(pallet_collective::Event::Executed { result: Err(DispatchError::BadOrigin), .. })
		)));
		assert!(matches!(pallet_referenda::ReferendumInfoFor::<Runtime>::get(index), Some(ReferendumInfo::Ongoing(..))));
		// Ferdie holds no root seat.
		let (call, length) = veto(index);
		assert_noop!(
			yuma_runtime::Senate::propose(signed(&account(Ferdie)), 2, Box::new(call), length),
			SenateError::NotMember
		);
		// Nobody sets the members by hand, not even root.
		assert_noop!(
			yuma_runtime::Senate::set_members(RuntimeOrigin::root(), vec![account(Ferdie)], None, 3),
			DispatchError::BadOrigin
		);
		// A single signed account cannot cancel either.
		assert_noop!(Referenda::cancel(signed(&account(Bob)), index), DispatchError::BadOrigin);
	});
}

/// A young root admits hotkeys with no stake while it has room: they get no
/// senate seat. And a senate of one (two thirds of it is that member alone)
/// cannot veto: a veto needs two senators.
#[test]
fn a_stakeless_root_hotkey_gets_no_seat_and_a_senate_of_one_cannot_veto() {
	with_stakers(|| {
		use pallet_subnets::Hyperparameter::Tempo;
		let ferdie = account(Ferdie);
		assert_ok!(Subnets::set_hyperparameter(RuntimeOrigin::root(), 0, Tempo(10)));
		assert_ok!(Subnets::root_register(signed(&account(Bob)), account(Charlie)));
		run_to_block(System::block_number() + 1);
		assert_ok!(Subnets::burned_register(signed(&ferdie), 1, hotkey(5)));
		assert_ok!(Subnets::root_register(signed(&ferdie), hotkey(5)));
		run_to_root_epoch();
		assert!(Subnets::uid_of(0, &hotkey(5)).is_some(), "on root");
		assert_eq!(senate(), vec![account(Bob)], "no stake, no seat");
		let index = propose(upgrade_call().1, root());
		assert_ok!(propose_veto(index, 1));
		assert!(events().iter().any(|e| matches!(
			e,
			RuntimeEvent::Senate(pallet_collective::Event::Executed { result: Err(DispatchError::BadOrigin), .. })
		)));
		assert!(matches!(pallet_referenda::ReferendumInfoFor::<Runtime>::get(index), Some(ReferendumInfo::Ongoing(..))));
		// Root's validator_min_stake (1 TAO) behind the hotkey: a seat.
		assert_ok!(Stake::add_stake(signed(&ferdie), hotkey(5), TAO));
		run_to_root_epoch();
		assert_eq!(senate(), sorted(vec![account(Bob), ferdie]));
	});
}

/// A senator may hold one open motion: filling the motion slots to keep the
/// others from proposing a veto does not work.
#[test]
fn a_senator_holds_one_open_motion_at_a_time() {
	with_senate(|| {
		let (bob, dave) = (account(Bob), account(Dave));
		let (first, second) = (propose(upgrade_call().1, root()), propose(upgrade_call().1, root()));
		assert_ok!(propose_veto(first, 2));
		let (call, length) = veto(second);
		assert_noop!(
			yuma_runtime::Senate::propose(signed(&bob), 2, Box::new(call.clone()), length),
			pallet_governance::Error::<Runtime>::SenatorHasOpenMotion
		);
		// Another senator still can; and a motion executed at once is never open.
		assert_ok!(yuma_runtime::Senate::propose(signed(&dave), 2, Box::new(call), length));
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![7] });
		let remark_length = codec::Encode::encoded_size(&remark) as u32;
		assert_ok!(yuma_runtime::Senate::propose(signed(&bob), 1, Box::new(remark), remark_length));
		// Once Bob's motion is closed, he may open another.
		let motion = pallet_collective::Proposals::<Runtime, pallet_collective::Instance1>::get()[0];
		assert_ok!(yuma_runtime::Senate::vote(signed(&dave), motion, 0, false));
		assert_ok!(yuma_runtime::Senate::vote(signed(&account(Eve)), motion, 0, false));
		let (_, first_length) = veto(first);
		assert_ok!(yuma_runtime::Senate::close(
			signed(&dave),
			motion,
			0,
			frame_support::weights::Weight::from_parts(10_000_000_000, 1_000_000),
			first_length
		));
		assert_ok!(propose_veto(first, 2));
	});
}

fn subnets_track() -> OriginCaller {
	OriginCaller::Governance(pallet_governance::Origin::Subnets)
}

fn create_subnet_call(owner: AccountId) -> RuntimeCall {
	use pallet_subnets::Hyperparameter::{MaxAllowedUids, Tempo};
	RuntimeCall::Subnets(pallet_subnets::Call::create_subnet {
		owner,
		hyperparameters: vec![Tempo(50), MaxAllowedUids(1_024)].try_into().unwrap(),
	})
}

#[test]
fn a_passed_subnet_proposal_creates_the_subnet_for_its_owner_without_a_lock() {
	with_stakers(|| {
		let ferdie = account(Ferdie);
		let index = propose(create_subnet_call(ferdie.clone()), subnets_track());
		// 60% of stake, over the subnets track's starting support (25%).
		assert_ok!(vote(&account(Dave), index, true, 6_000 * TAO));
		let free = Balances::free_balance(&ferdie);
		run_to_block(10);
		assert!(approved(index));
		assert_eq!(enacted(), Some(Ok(())));
		let info = pallet_subnets::Networks::<Runtime>::get(2).expect("created");
		assert_eq!((info.owner, info.lock), (ferdie.clone(), 0));
		let hp = Subnets::hyperparams(2).unwrap();
		assert_eq!((hp.tempo, hp.max_allowed_uids), (50, 1_024));
		assert_eq!(Balances::free_balance(&ferdie), free);
		assert!(events().contains(&RuntimeEvent::Subnets(pallet_subnets::Event::NetworkRegistered {
			netuid: 2,
			owner: ferdie,
			lock: 0
		})));

		// And a second proposal dissolves it.
		let index = propose(RuntimeCall::Subnets(pallet_subnets::Call::dissolve_network { netuid: 2 }), subnets_track());
		assert_ok!(vote(&account(Dave), index, true, 6_000 * TAO));
		run_to_block(20);
		assert!(approved(index));
		assert_eq!(enacted(), Some(Ok(())));
		assert!(pallet_subnets::Networks::<Runtime>::get(2).is_none());
	});
}

#[test]
fn a_subnet_proposal_on_the_parameters_track_or_by_a_user_creates_nothing() {
	with_stakers(|| {
		assert_noop!(
			Subnets::create_subnet(signed(&account(Ferdie)), account(Ferdie), Default::default()),
			DispatchError::BadOrigin
		);
		let origin = OriginCaller::Governance(pallet_governance::Origin::Parameters);
		let index = propose(create_subnet_call(account(Ferdie)), origin);
		assert_ok!(vote(&account(Dave), index, true, 6_000 * TAO));
		run_to_block(10);
		assert!(approved(index));
		assert_eq!(enacted(), Some(Err(DispatchError::BadOrigin)));
		assert_eq!(pallet_subnets::SubnetCount::<Runtime>::get(), 2);
	});
}

fn parameters_track() -> OriginCaller {
	OriginCaller::Governance(pallet_governance::Origin::Parameters)
}

#[test]
fn a_parameters_referendum_changes_a_chain_rule_that_takes_effect_at_once() {
	with_stakers(|| {
		use pallet_governance::ChainParameter::{NetworkMinLock, NetworkRateLimit};
		// A dev chain: a network every 10 blocks; subnet 1 was registered at block 1.
		assert_eq!(yuma_runtime::Governance::parameters().network_rate_limit, 10);
		let call = RuntimeCall::Utility(pallet_utility::Call::batch_all {
			calls: vec![
				RuntimeCall::Governance(pallet_governance::Call::set_parameter { value: NetworkRateLimit(100) }),
				RuntimeCall::Governance(pallet_governance::Call::set_parameter { value: NetworkMinLock(10 * TAO) }),
			],
		});
		let index = propose(call, parameters_track());
		assert_ok!(vote(&account(Dave), index, true, 6_000 * TAO));
		run_to_block(10);
		assert!(approved(index));
		assert_eq!(enacted(), Some(Ok(())));
		assert!(events().contains(&RuntimeEvent::Governance(pallet_governance::Event::ParameterSet {
			from: NetworkRateLimit(10),
			to: NetworkRateLimit(100)
		})));
		run_to_block(20);
		assert_noop!(
			Subnets::register_network(signed(&account(Bob))),
			pallet_subnets::Error::<Runtime>::NetworkRateLimited
		);
		run_to_block(101);
		// Twice the last lock (1,000 TAO) decaying towards the new minimum.
		let cost = Subnets::network_lock_cost(101);
		assert_ok!(Subnets::register_network(signed(&account(Bob))));
		assert_eq!(pallet_subnets::Networks::<Runtime>::get(2).unwrap().lock, cost);
		assert_eq!(<yuma_runtime::configs::NetworkMinLock as frame_support::traits::Get<u64>>::get(), 10 * TAO);
	});
}

#[test]
fn a_rule_out_of_bounds_or_on_another_track_changes_nothing() {
	with_stakers(|| {
		use pallet_governance::ChainParameter::{MinStake, OwnerCut};
		let before = yuma_runtime::Governance::parameters();
		// No user sets a rule, however small.
		assert_noop!(
			yuma_runtime::Governance::set_parameter(signed(&account(Ferdie)), MinStake(TAO)),
			DispatchError::BadOrigin
		);
		// Root is bounded too: the minimum stake never drops below the
		// existential deposit, the owner's cut never passes half.
		assert_noop!(
			yuma_runtime::Governance::set_parameter(
				RuntimeOrigin::root(),
				MinStake(yuma_runtime::currency::EXISTENTIAL_DEPOSIT - 1)
			),
			pallet_governance::Error::<Runtime>::ParameterOutOfBounds
		);
		assert_noop!(
			yuma_runtime::Governance::set_parameter(RuntimeOrigin::root(), OwnerCut(sp_runtime::Perbill::from_percent(51))),
			pallet_governance::Error::<Runtime>::ParameterOutOfBounds
		);
		// The subnets track cannot change a rule.
		let call = RuntimeCall::Governance(pallet_governance::Call::set_parameter { value: MinStake(TAO) });
		let index = propose(call, subnets_track());
		assert_ok!(vote(&account(Dave), index, true, 6_000 * TAO));
		run_to_block(10);
		assert_eq!(enacted(), Some(Err(DispatchError::BadOrigin)));
		assert_eq!(yuma_runtime::Governance::parameters(), before);
	});
}

#[test]
fn a_parameters_referendum_changes_what_new_subnets_start_with() {
	with_stakers(|| {
		use pallet_subnets::Hyperparameter::MaxRegsPerBlock;
		let call = RuntimeCall::Subnets(pallet_subnets::Call::set_subnet_default { value: MaxRegsPerBlock(8) });
		let index = propose(call, parameters_track());
		assert_ok!(vote(&account(Dave), index, true, 6_000 * TAO));
		run_to_block(12);
		assert_eq!(enacted(), Some(Ok(())));
		assert_eq!(Subnets::hyperparams(1).unwrap().max_regs_per_block, 1);
		assert_ok!(Subnets::register_network(signed(&account(Bob))));
		assert_eq!(Subnets::hyperparams(2).unwrap().max_regs_per_block, 8);
	});
}
