//! What the runtime tests share: the state a genesis preset builds.
#![allow(dead_code)]

use frame_support::genesis_builder_helper::{build_state, get_preset};
use sp_keyring::Sr25519Keyring;
use frame_support::traits::OnInitialize;
use yuma_runtime::{genesis_config_presets, AccountId, AllPalletsWithSystem, Emission, RuntimeGenesisConfig, System};

/// Applies a JSON patch the way the node does: objects merge key by key,
/// anything else replaces.
pub fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) =>
			for (k, v) in patch {
				merge(base.entry(k).or_insert(serde_json::Value::Null), v);
			},
		(base, patch) => *base = patch,
	}
}

/// The state a preset builds, as the node builds it from the chain spec:
/// the default genesis config with the preset's patch applied.
pub fn state_of(preset: &str) -> sp_io::TestExternalities {
	let id = sp_genesis_builder::PresetId::from(preset);
	let patch = get_preset::<RuntimeGenesisConfig>(&Some(id), genesis_config_presets::get_preset)
		.expect("preset exists");
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).expect("serializes");
	merge(&mut config, serde_json::from_slice(&patch).expect("preset is JSON"));
	let json = serde_json::to_vec(&config).expect("serializes");
	let mut ext = sp_io::TestExternalities::default();
	ext.execute_with(|| build_state::<RuntimeGenesisConfig>(json).expect("preset builds"));
	ext.execute_with(|| System::set_block_number(1));
	ext
}

pub fn account(k: Sr25519Keyring) -> AccountId {
	k.to_account_id()
}

/// Runs blocks up to `n` (every pallet's `on_initialize`), checking the
/// supply ledger after each.
pub fn run_to_block(n: u32) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		AllPalletsWithSystem::on_initialize(next);
		Emission::do_try_state().expect("supply invariants");
	}
}

/// Submits `call` on the track of `origin` (Ferdie pays both deposits) and
/// returns the referendum's index.
pub fn propose(call: yuma_runtime::RuntimeCall, origin: yuma_runtime::OriginCaller) -> u32 {
	use frame_support::traits::{schedule::DispatchTime, StorePreimage};
	use yuma_runtime::{Preimage, Referenda, RuntimeOrigin};
	let index = pallet_referenda::ReferendumCount::<yuma_runtime::Runtime>::get();
	let ferdie = RuntimeOrigin::signed(account(Sr25519Keyring::Ferdie));
	let proposal = Preimage::bound(call).expect("the call fits a preimage");
	frame_support::assert_ok!(Referenda::submit(ferdie.clone(), Box::new(origin), proposal, DispatchTime::After(0)));
	frame_support::assert_ok!(Referenda::place_decision_deposit(ferdie, index));
	index
}

/// The `root` track's origin.
pub fn root() -> yuma_runtime::OriginCaller {
	yuma_runtime::OriginCaller::system(frame_system::RawOrigin::Root)
}

/// `who` votes `aye` (or nay) with `balance` at conviction `Locked1x`.
pub fn vote(who: &AccountId, index: u32, aye: bool, balance: u64) -> sp_runtime::DispatchResult {
	use pallet_conviction_voting::{AccountVote, Conviction, Vote};
	let vote = AccountVote::Standard { vote: Vote { aye, conviction: Conviction::Locked1x }, balance };
	yuma_runtime::ConvictionVoting::vote(yuma_runtime::RuntimeOrigin::signed(who.clone()), index, vote)
}

/// The runtime's transaction extensions as a client signs them: immortal,
/// at `nonce`, no tip.
pub fn tx_extension(nonce: u32) -> yuma_runtime::TxExtension {
	(
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(sp_runtime::generic::Era::Immortal),
		frame_system::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		pallet_weights::CheckWeights::new(),
		pallet_transaction_payment::ChargeTransactionPayment::from(0),
		frame_system::WeightReclaim::new(),
	)
}

/// Subnet 1 (owner Alice) with Charlie as uid 0 and Dave as uid 1, each
/// with the 1 TAO of stake (Bob's) that weights need without a permit;
/// commit-reveal as the subnet's default unless `direct` turns it off.
pub fn subnet_with_two_neurons(direct: bool) {
	use frame_support::assert_ok;
	use pallet_subnets::Hyperparameter;
	use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave};
	use yuma_runtime::{currency::TAO, RuntimeOrigin, Stake, Subnets};
	assert_ok!(Subnets::register_network(RuntimeOrigin::signed(account(Alice))));
	assert_ok!(Subnets::set_hyperparameter(RuntimeOrigin::root(), 1, Hyperparameter::MaxRegsPerBlock(2)));
	for hotkey in [Charlie, Dave] {
		assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(account(Bob)), 1, account(hotkey)));
		assert_ok!(Stake::add_stake(RuntimeOrigin::signed(account(Bob)), account(hotkey), TAO));
	}
	if direct {
		assert_ok!(Subnets::set_hyperparameter(
			RuntimeOrigin::signed(account(Alice)),
			1,
			Hyperparameter::CommitRevealEnabled(false)
		));
	}
}
