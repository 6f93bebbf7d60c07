// Proof of work for `subnets.register`, as pallet-subnets defines it:
// seal = blake2_256(block hash ++ hotkey public key ++ coldkey public key ++ nonce as
// u64 little-endian), the coldkey being the account that signs `register`,
// valid when seal (big-endian) * difficulty fits in 256 bits.

import { blake2AsU8a, decodeAddress } from '@polkadot/util-crypto';
import { u8aConcat, u8aToHex, hexToU8a } from '@polkadot/util';

const MAX = (1n << 256n) - 1n;

function nonceBytes(nonce) {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(nonce), true);
  return out;
}

export function seal(blockHash, hotkey, coldkey, nonce) {
  return blake2AsU8a(
    u8aConcat(hexToU8a(blockHash), decodeAddress(hotkey), decodeAddress(coldkey), nonceBytes(nonce)), 256);
}

export function meetsDifficulty(sealBytes, difficulty) {
  return BigInt(u8aToHex(sealBytes)) * BigInt(difficulty) <= MAX;
}

/** The first nonce from `start` whose seal for (hotkey, coldkey) meets `difficulty`: { nonce, work (hex) }. */
export function solve(blockHash, hotkey, coldkey, difficulty, start = 0) {
  for (let nonce = start; ; nonce += 1) {
    const s = seal(blockHash, hotkey, coldkey, nonce);
    if (meetsDifficulty(s, difficulty)) return { nonce, work: u8aToHex(s) };
  }
}
