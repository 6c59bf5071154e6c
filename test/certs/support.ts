// Test helpers for certificates: a small pool of RSA keys generated once (keygen is the slow
// part, 50-300 ms each), handed out round-robin so consecutive certificates get distinct keys.
import type { KeyPairPem, KeySource } from '../../src/certs/keys.ts';
import { generateRsaKeyPair } from '../../src/certs/keys.ts';

let pool: Promise<KeyPairPem[]> | undefined;
let next = 0;

export function keyPool(size = 6): KeySource {
  pool ??= Promise.all(Array.from({ length: size }, () => generateRsaKeyPair()));
  return async () => {
    const keys = await pool!;
    return keys[next++ % keys.length] as KeyPairPem;
  };
}

export const DAY = 24 * 60 * 60 * 1000;
/** A fixed instant so validity assertions are exact. */
export const T0 = Date.parse('2026-01-01T00:00:00Z');
