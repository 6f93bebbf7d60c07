// The dev chain's well-known accounts (sr25519, SS58 prefix 42).

import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

/** Key pairs of the named dev accounts: devAccounts('Alice', 'Bob') → [alice, bob]. */
export async function devAccounts(...names) {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  return names.map((name) => keyring.addFromUri(`//${name}`));
}
