/**
 * Symmetric sealing used across storage: AES-256-GCM with a random 96-bit IV and
 * associated data that binds a ciphertext to where it belongs (dependencies.md §4.5), and
 * passphrase sealing with an argon2id-derived key (backups, vault exports).
 *
 * Sealed values are text (`g1.<iv>.<ciphertext>.<tag>`, base64url) so SQLite and
 * PostgreSQL store them alike.
 */
import { hashRaw } from '@node-rs/argon2';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Decryption failed: wrong key, wrong associated data, or tampered ciphertext. */
export class CryptoError extends Error {
  override readonly name = 'CryptoError';
}

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64url');
const unb64 = (s: string): Buffer => Buffer.from(s, 'base64url');

/** Encrypts `plaintext` under a 32-byte key with AES-256-GCM, binding `aad`. */
export function aeadSeal(key: Uint8Array, plaintext: Uint8Array, aad: string): string {
  if (key.length !== 32) throw new Error('AES-256-GCM needs a 32-byte key');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return `g1.${b64(iv)}.${b64(ct)}.${b64(cipher.getAuthTag())}`;
}

/** Reverses {@link aeadSeal}; throws {@link CryptoError} on any mismatch. */
export function aeadOpen(key: Uint8Array, sealed: string, aad: string): Buffer {
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== 'g1') throw new CryptoError('not a sealed value');
  const [, iv, ct, tag] = parts as [string, string, string, string];
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, unb64(iv));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(unb64(tag));
    return Buffer.concat([decipher.update(unb64(ct)), decipher.final()]);
  } catch {
    throw new CryptoError('decryption failed: wrong key or tampered data');
  }
}

/** argon2id parameters stored beside what they protect, so they can be raised later. */
export interface KdfParams {
  readonly alg: 'argon2id';
  readonly salt: string;
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

/** OWASP's argon2id minimum (m = 19 MiB, t = 2, p = 1). */
export const DEFAULT_KDF = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Fresh KDF parameters with a random 16-byte salt. */
export function newKdfParams(): KdfParams {
  return { alg: 'argon2id', salt: b64(randomBytes(16)), ...DEFAULT_KDF };
}

/** Derives a 32-byte key from a password or passphrase (argon2id is @node-rs/argon2's default algorithm). */
export async function deriveKey(secret: string, params: KdfParams): Promise<Buffer> {
  if (params.alg !== 'argon2id') throw new CryptoError(`unsupported KDF ${String(params.alg)}`);
  return hashRaw(secret, {
    salt: unb64(params.salt),
    memoryCost: params.memoryCost,
    timeCost: params.timeCost,
    parallelism: params.parallelism,
    outputLen: 32,
  });
}

/** A passphrase-sealed blob: the KDF parameters and the sealed payload. */
export interface PassphraseBox {
  readonly kdf: KdfParams;
  readonly sealed: string;
}

/** Seals bytes under a passphrase. `aad` names what the blob is (e.g. `notewall-backup/v1`). */
export async function passphraseSeal(passphrase: string, plaintext: Uint8Array, aad: string): Promise<PassphraseBox> {
  const kdf = newKdfParams();
  return { kdf, sealed: aeadSeal(await deriveKey(passphrase, kdf), plaintext, aad) };
}

/** Opens a {@link PassphraseBox}; a wrong passphrase or a changed byte throws {@link CryptoError}. */
export async function passphraseOpen(passphrase: string, box: PassphraseBox, aad: string): Promise<Buffer> {
  return aeadOpen(await deriveKey(passphrase, box.kdf), box.sealed, aad);
}
