//! yuma-chain's runtime APIs: everything a subnet owner, validator or miner
//! reads, in the metadata (v15), so polkadot.js calls them with no type
//! definitions of ours: `api.call.subnetInfoApi.subnets()`,
//! `api.call.metagraphApi.metagraph(netuid, 0, 256)`, … Lists that can be
//! long are paged: `(start, limit)`, at most [`MAX_PAGE`] items per call.

use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;
use yuma_primitives::{NetUid, SubnetHyperparams, Uid};

pub use pallet_subnets::{AxonInfo, PrometheusInfo};

/// The most items one paged call returns.
pub const MAX_PAGE: u32 = 1024;

/// The most SCALE-encoded bytes one `metagraph` page holds: 4 MiB, so that
/// its hex in a JSON-RPC response (twice that) fits the node's default
/// 10 MiB response limit with room to spare. A neuron with full rows of
/// weights and bonds (4,096 each) is about 33 kB, so a page of validators
/// may hold fewer uids than asked: ask again from `start` plus the number
/// returned. A page always holds at least one neuron, if any is in range.
pub const MAX_METAGRAPH_PAGE_BYTES: usize = 4 * 1024 * 1024;

/// A subnet, as its owner and its participants see it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct SubnetInfo<AccountId> {
	/// The subnet.
	pub netuid: NetUid,
	/// The coldkey that registered it (none for root).
	pub owner: Option<AccountId>,
	/// Rao locked by the owner for it.
	pub lock: u64,
	/// Registered uids.
	pub n: u16,
	/// Blocks between epochs, less one.
	pub tempo: u16,
	/// Emission promised to it and not paid yet (rao).
	pub pending_emission: u64,
	/// Its share of block emission, in parts per billion.
	pub emission_share_ppb: u32,
	/// What it accrues per block at the current emission (rao).
	pub emission_per_block: u64,
	/// The block of its next epoch.
	pub next_epoch_block: u64,
	/// Block of its last epoch, if any.
	pub last_epoch_block: Option<u64>,
	/// Being dissolved (its state is cleared over the next blocks).
	pub dissolving: bool,
	/// Every hyperparameter.
	pub hyperparams: SubnetHyperparams,
}

/// One uid of a subnet: who holds it, and what its last epoch said.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct NeuronInfo<AccountId> {
	/// The uid.
	pub uid: Uid,
	/// Its hotkey.
	pub hotkey: AccountId,
	/// The hotkey's owner.
	pub coldkey: Option<AccountId>,
	/// Total stake on the hotkey (rao).
	pub stake: u64,
	/// Last epoch's outputs (65535 = 1.0).
	pub rank: u16,
	/// Rank over prerank.
	pub trust: u16,
	/// Stake-weighted consensus of the weights on it.
	pub consensus: u16,
	/// Share of the miners' emission.
	pub incentive: u16,
	/// Share of the validators' emission.
	pub dividends: u16,
	/// How much of its weight consensus kept.
	pub validator_trust: u16,
	/// Rao the last epoch paid it (owner's cut excluded).
	pub emission: u64,
	/// Validator permit.
	pub validator_permit: bool,
	/// Set weights within the activity cutoff.
	pub active: bool,
	/// Its score when a full subnet picks a uid to replace.
	pub pruning_score: u64,
	/// Its bonds row: `(uid, bond)`, 65535 = 1.0.
	pub bonds: Pairs,
	/// Its weights row: `(uid, weight)`, max-upscaled to 65535.
	pub weights: Pairs,
	/// Block of its last weights.
	pub last_update: u64,
	/// Block of its registration.
	pub registered_at: u64,
	/// The axon it serves.
	pub axon: Option<AxonInfo>,
	/// Its Prometheus endpoint.
	pub prometheus: Option<PrometheusInfo>,
}

/// A row of `(uid, value)` pairs: to a client, a `Vec<(u16, u16)>` in every
/// respect (the same SCALE bytes, the same type in the metadata). It keeps
/// its SCALE encoding, which is how the row is stored, so that a metagraph
/// call moves the rows of its page from storage into the response without
/// decoding and encoding two million pairs one field at a time.
#[derive(Clone, PartialEq, Eq)]
pub struct Pairs {
	/// `Compact(len)` and then `len` pairs of little-endian `u16`s.
	encoded: Vec<u8>,
	/// Where the pairs start (after the length).
	start: usize,
}

impl Pairs {
	/// `encoded` if it is exactly the SCALE encoding of a `Vec<(u16, u16)>`.
	pub fn from_encoded(encoded: Vec<u8>) -> Option<Self> {
		let mut rest = encoded.as_slice();
		let len = codec::Compact::<u32>::decode(&mut rest).ok()?.0;
		let start = encoded.len().checked_sub(rest.len())?;
		let body = usize::try_from(len).ok()?.checked_mul(4)?;
		(body == rest.len()).then_some(Pairs { encoded, start })
	}

	/// The number of pairs.
	pub fn len(&self) -> usize {
		self.encoded.len().saturating_sub(self.start) / 4
	}

	/// Whether the row is empty.
	pub fn is_empty(&self) -> bool {
		self.len() == 0
	}

	/// The pairs, in order.
	pub fn iter(&self) -> impl Iterator<Item = (Uid, u16)> + '_ {
		self.encoded.get(self.start..).unwrap_or_default().chunks_exact(4).filter_map(|pair| match *pair {
			[u0, u1, v0, v1] => Some((u16::from_le_bytes([u0, u1]), u16::from_le_bytes([v0, v1]))),
			_ => None,
		})
	}

	/// The pairs as a vector.
	pub fn to_vec(&self) -> Vec<(Uid, u16)> {
		self.iter().collect()
	}
}

impl Default for Pairs {
	fn default() -> Self {
		Pairs { encoded: alloc::vec![0], start: 1 }
	}
}

impl core::fmt::Debug for Pairs {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		f.debug_list().entries(self.iter()).finish()
	}
}

impl From<Vec<(Uid, u16)>> for Pairs {
	fn from(pairs: Vec<(Uid, u16)>) -> Self {
		let encoded = pairs.encode();
		let start = encoded.len().saturating_sub(pairs.len().saturating_mul(4));
		Pairs { encoded, start }
	}
}

impl PartialEq<Vec<(Uid, u16)>> for Pairs {
	fn eq(&self, other: &Vec<(Uid, u16)>) -> bool {
		self.iter().eq(other.iter().copied())
	}
}

impl Encode for Pairs {
	fn size_hint(&self) -> usize {
		self.encoded.len()
	}

	fn encoded_size(&self) -> usize {
		self.encoded.len()
	}

	fn encode_to<O: codec::Output + ?Sized>(&self, dest: &mut O) {
		dest.write(&self.encoded);
	}
}

/// Decoded as the `Vec<(u16, u16)>` it is (only clients decode a row).
impl Decode for Pairs {
	fn decode<I: codec::Input>(input: &mut I) -> Result<Self, codec::Error> {
		Vec::<(Uid, u16)>::decode(input).map(Pairs::from)
	}
}

impl TypeInfo for Pairs {
	type Identity = Vec<(Uid, u16)>;
	fn type_info() -> scale_info::Type {
		<Vec<(Uid, u16)>>::type_info()
	}
}

/// A stake position: `coldkey`'s stake on `hotkey`.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct StakePosition<AccountId> {
	/// The hotkey staked on.
	pub hotkey: AccountId,
	/// The staking coldkey.
	pub coldkey: AccountId,
	/// What the position is worth now, in rao: its stake and the rewards it
	/// has earned.
	pub amount: u64,
	/// Of `amount`, the rewards earned and not minted onto its hold yet
	/// (`stake.claim`, or any stake call on the position, mints them).
	pub owed: u64,
}

/// A hotkey's stake as a whole.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct HotkeyStake<AccountId> {
	/// Its owner.
	pub owner: Option<AccountId>,
	/// Total stake on it (rao).
	pub total: u64,
	/// Positions on it, the owner's included.
	pub stakers: u32,
	/// The owner's take of dividends, in parts per billion.
	pub take_ppb: u32,
}

/// What registering on a subnet costs now, and which uid it would get.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct RegistrationInfo {
	/// The subnet.
	pub netuid: NetUid,
	/// Registration open.
	pub registration_allowed: bool,
	/// Rao a `burned_register` burns now.
	pub burn: u64,
	/// Difficulty a `register` seal must meet now.
	pub difficulty: u64,
	/// Registrations so far in this block, and the most allowed.
	pub registrations_this_block: u16,
	/// Most registrations per block.
	pub max_regs_per_block: u16,
	/// Registered uids, and the most the subnet holds.
	pub n: u16,
	/// Most uids.
	pub max_allowed_uids: u16,
	/// The uid the next registration gets: the next free one or, on a full
	/// subnet, the one it replaces (the lowest pruning score past its
	/// immunity, or among all when every uid is immune). `None` only when
	/// there is no uid to give.
	pub next_uid: Option<Uid>,
	/// Whether that uid is taken from a neuron (pruned).
	pub replaces: bool,
}

sp_api::decl_runtime_apis! {
	/// The subnets: owner, size, tempo, emission, next epoch, hyperparameters.
	pub trait SubnetInfoApi<AccountId> where AccountId: codec::Codec {
		/// Every live subnet, root included (at most the subnet limit).
		fn subnets() -> Vec<SubnetInfo<AccountId>>;
		/// One subnet.
		fn subnet(netuid: NetUid) -> Option<SubnetInfo<AccountId>>;
		/// Rao a `register_network` would lock now.
		fn network_lock_cost() -> u64;
	}

	/// A subnet's metagraph, by uid.
	pub trait MetagraphApi<AccountId> where AccountId: codec::Codec {
		/// Uids `start..start + limit` (limit at most `MAX_PAGE`), stopping
		/// early rather than exceed `MAX_METAGRAPH_PAGE_BYTES`.
		fn metagraph(netuid: NetUid, start: Uid, limit: u16) -> Vec<NeuronInfo<AccountId>>;
		/// One uid.
		fn neuron(netuid: NetUid, uid: Uid) -> Option<NeuronInfo<AccountId>>;
		/// The uid `hotkey` holds.
		fn neuron_by_hotkey(netuid: NetUid, hotkey: AccountId) -> Option<NeuronInfo<AccountId>>;
	}

	/// Stake positions, nominators and takes.
	pub trait StakeInfoApi<AccountId> where AccountId: codec::Codec {
		/// Positions of `coldkey`, skipping `start`, at most `limit` (`MAX_PAGE`).
		fn positions(coldkey: AccountId, start: u32, limit: u32) -> Vec<StakePosition<AccountId>>;
		/// Positions on `hotkey` (its owner's and its nominators'), paged likewise.
		fn stakers(hotkey: AccountId, start: u32, limit: u32) -> Vec<StakePosition<AccountId>>;
		/// Total, owner, number of stakers and take of `hotkey`.
		fn hotkey_stake(hotkey: AccountId) -> HotkeyStake<AccountId>;
	}

	/// Registration: current burn and difficulty, and the next uid.
	pub trait RegistrationApi {
		/// `None` for an unknown subnet or root (root membership goes by stake).
		fn registration_info(netuid: NetUid) -> Option<RegistrationInfo>;
	}
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::indexing_slicing)]
mod tests {
	use super::*;

	fn row(n: u16) -> Vec<(Uid, u16)> {
		(0..n).map(|j| (j.wrapping_mul(7), 65_535 - j)).collect()
	}

	#[test]
	fn pairs_are_the_bytes_and_type_of_a_vec_of_pairs() {
		for n in [0, 1, 255, 256, 257, 1000, 4096] {
			let vec = row(n);
			let bytes = vec.encode();
			let pairs = Pairs::from(vec.clone());
			assert_eq!(pairs.encode(), bytes, "{n} pairs");
			assert_eq!((pairs.size_hint(), pairs.encoded_size()), (bytes.len(), bytes.len()));
			assert_eq!((pairs.len(), pairs.to_vec()), (vec.len(), vec.clone()));
			assert_eq!(pairs, vec);
			assert_eq!(Pairs::decode(&mut &bytes[..]), Ok(pairs.clone()));
			assert_eq!(Pairs::from_encoded(bytes.clone()), Some(pairs));
		}
		assert_eq!(Pairs::default(), Vec::new());
		assert_eq!(Pairs::default().encode(), Vec::<(Uid, u16)>::new().encode());
		assert_eq!(Pairs::type_info(), <Vec<(Uid, u16)>>::type_info());
	}

	#[test]
	fn a_row_shorter_than_its_length_does_not_decode() {
		let mut bytes = row(300).encode();
		bytes.pop();
		assert!(Pairs::decode(&mut &bytes[..]).is_err());
		// A length far beyond the input, as a hostile encoding would claim.
		let bytes = codec::Compact(u32::MAX).encode();
		assert!(Pairs::decode(&mut &bytes[..]).is_err());
		// Stored bytes that are not exactly a row are refused.
		let mut bytes = row(3).encode();
		assert!(Pairs::from_encoded(bytes[..bytes.len() - 1].to_vec()).is_none());
		bytes.push(0);
		assert!(Pairs::from_encoded(bytes).is_none());
		assert!(Pairs::from_encoded(Vec::new()).is_none());
	}

	#[test]
	fn a_long_row_decodes_from_an_input_of_unknown_length() {
		/// An input that does not say how much it holds.
		struct Stream<'a>(&'a [u8]);
		impl codec::Input for Stream<'_> {
			fn remaining_len(&mut self) -> Result<Option<usize>, codec::Error> {
				Ok(None)
			}
			fn read(&mut self, into: &mut [u8]) -> Result<(), codec::Error> {
				self.0.read(into)
			}
		}
		let bytes = row(9000).encode();
		assert_eq!(Pairs::decode(&mut Stream(&bytes)).map(|p| p.to_vec()), Ok(row(9000)));
		let short = &bytes[..bytes.len() - 2];
		assert!(Pairs::decode(&mut Stream(short)).is_err());
	}

	#[test]
	fn a_neuron_encodes_as_with_plain_vectors() {
		#[derive(Encode)]
		struct Plain {
			bonds: Vec<(Uid, u16)>,
			weights: Vec<(Uid, u16)>,
			last: u64,
		}
		#[derive(Encode, Decode, PartialEq, Debug)]
		struct Fast {
			bonds: Pairs,
			weights: Pairs,
			last: u64,
		}
		let plain = Plain { bonds: row(3), weights: row(600), last: 9 }.encode();
		let fast = Fast { bonds: row(3).into(), weights: row(600).into(), last: 9 };
		assert_eq!(fast.encode(), plain);
		assert_eq!(Fast::decode(&mut &plain[..]), Ok(fast));
	}
}
