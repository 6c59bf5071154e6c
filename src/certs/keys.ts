// Key generation on libuv's thread pool (node:crypto's async generateKeyPair), never on the
// event loop: an RSA 2048 key takes 100-300 ms, far too long to stall a serving webhook.
import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';

const generateKeyPairAsync = promisify(generateKeyPair);

export interface KeyPairPem {
  /** SubjectPublicKeyInfo PEM. */
  publicKey: string;
  /** PKCS#8 PEM (`BEGIN PRIVATE KEY`). */
  privateKey: string;
}

/**
 * RSA 2048: node-forge can only encode RSA public keys into a certificate, and RSA is what every
 * client (including older kube-apiservers and proxies) accepts.
 */
export async function generateRsaKeyPair(modulusLength = 2048): Promise<KeyPairPem> {
  const { publicKey, privateKey } = await generateKeyPairAsync('rsa', {
    modulusLength,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKey, privateKey };
}

/** Where issuing gets its keys; tests pass a pool of pre-generated keys to stay fast. */
export type KeySource = () => Promise<KeyPairPem>;
export const freshRsaKeys: KeySource = () => generateRsaKeyPair();
