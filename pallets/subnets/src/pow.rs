//! Proof of work for [`crate::Pallet::register`].
//!
//! The seal of `(block_hash, hotkey, coldkey, nonce)` is
//! `blake2_256(SCALE(block_hash) ++ SCALE(hotkey) ++ SCALE(coldkey) ++ SCALE(nonce))`
//! (the hash's raw bytes, each account's encoding, the nonce as 8
//! little-endian bytes). The coldkey is the one that signs `register`: work
//! done for one coldkey is no use to any other, so nobody can lift a pending
//! registration from the pool and submit it as its own (it would own the
//! hotkey, and its rewards, for good).
//! Read as a big-endian 256-bit number, it meets difficulty `d` when
//! `seal * d` does not overflow 256 bits, so one try in `d` succeeds.
//!
//! [`solve`] finds a nonce; tests and tools use it. From a shell:
//! `cargo run --release -p pallet-subnets --example pow-solve -- BLOCK_HASH HOTKEY COLDKEY DIFFICULTY`.

use codec::Encode;
use sp_core::U256;

/// The seal of `(block_hash, hotkey, coldkey, nonce)`.
pub fn seal<AccountId: Encode>(block_hash: &[u8], hotkey: &AccountId, coldkey: &AccountId, nonce: u64) -> [u8; 32] {
	let mut bytes = alloc::vec::Vec::with_capacity(block_hash.len().saturating_add(80));
	bytes.extend_from_slice(block_hash);
	hotkey.encode_to(&mut bytes);
	coldkey.encode_to(&mut bytes);
	nonce.encode_to(&mut bytes);
	sp_io::hashing::blake2_256(&bytes)
}

/// Whether `seal * difficulty` fits in 256 bits.
pub fn meets_difficulty(seal: &[u8; 32], difficulty: u64) -> bool {
	U256::from_big_endian(seal).checked_mul(U256::from(difficulty)).is_some()
}

/// The first nonce from `start` (at most `tries` of them) whose seal meets
/// `difficulty`, with its seal.
pub fn solve<AccountId: Encode>(
	block_hash: &[u8],
	hotkey: &AccountId,
	coldkey: &AccountId,
	difficulty: u64,
	start: u64,
	tries: u64,
) -> Option<(u64, [u8; 32])> {
	(0..tries).map(|k| start.wrapping_add(k)).find_map(|nonce| {
		let s = seal(block_hash, hotkey, coldkey, nonce);
		meets_difficulty(&s, difficulty).then_some((nonce, s))
	})
}
