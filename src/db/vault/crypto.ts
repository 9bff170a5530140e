/**
 * Vault key handling (ARCHITECTURE.md invariant 2; 45 CFR 164.312(a)(2)(iv)):
 *
 * - each psychotherapy note is sealed with its own random AES-256-GCM data key, its
 *   associated data binding note id, author id and key version;
 * - the data key is sealed *to* the author's X25519 public key (ephemeral ECDH, HKDF-SHA256,
 *   AES-256-GCM), so an import can encrypt to an author without being able to read;
 * - the author's private key is stored sealed under an argon2id key from their password,
 *   and sealed to the practice recovery public key for emergency access;
 * - while the author is logged in, the private key is sealed under a random session secret
 *   that lives only in their session cookie.
 */
import { createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { aeadOpen, aeadSeal, CryptoError } from '../crypto-box.ts';

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64url');
const unb64 = (s: string): Buffer => Buffer.from(s, 'base64url');

// DER prefix of a PKCS#8 X25519 private key (RFC 8410); the raw 32 bytes follow it.
const PKCS8_X25519_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');

/** An X25519 key pair: public key as base64url (raw 32 bytes), private key as raw 32 bytes. */
export interface X25519KeyPair {
  readonly publicKey: string;
  readonly privateKey: Buffer;
}

export function generateX25519KeyPair(): X25519KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  const jwkPub = publicKey.export({ format: 'jwk' });
  const jwkPriv = privateKey.export({ format: 'jwk' });
  if (!jwkPub.x || !jwkPriv.d) throw new Error('x25519 key export failed');
  return { publicKey: jwkPub.x, privateKey: unb64(jwkPriv.d) };
}

function privateKeyObject(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new CryptoError('an X25519 private key is 32 bytes');
  return createPrivateKey({ key: Buffer.concat([PKCS8_X25519_PREFIX, raw]), format: 'der', type: 'pkcs8' });
}

function publicKeyObject(b64x: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: b64x }, format: 'jwk' });
}

/** The public key (base64url) belonging to a raw private key. */
export function publicKeyOf(privateKey: Uint8Array): string {
  const x = createPublicKey(privateKeyObject(privateKey)).export({ format: 'jwk' }).x;
  if (!x) throw new Error('x25519 public key export failed');
  return x;
}

/**
 * Seals bytes to a recipient's X25519 public key. `context` is bound into both the key
 * derivation and the AEAD, so a sealed value moved to another row or purpose fails to open.
 */
export function sealTo(recipientPublicKey: string, plaintext: Uint8Array, context: string): string {
  const eph = generateKeyPairSync('x25519');
  const epk = eph.publicKey.export({ format: 'jwk' }).x;
  if (!epk) throw new Error('x25519 key export failed');
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: publicKeyObject(recipientPublicKey) });
  const key = Buffer.from(hkdfSync('sha256', shared, Buffer.concat([unb64(epk), unb64(recipientPublicKey)]), `notewall/seal/v1|${context}`, 32));
  return `x1.${epk}.${aeadSeal(key, plaintext, context)}`;
}

/** Opens a value sealed with {@link sealTo}; throws {@link CryptoError} on a wrong key or context. */
export function openSealed(privateKey: Uint8Array, sealed: string, context: string): Buffer {
  const dot = sealed.indexOf('.', 3);
  if (!sealed.startsWith('x1.') || dot < 0) throw new CryptoError('not a sealed-to-key value');
  const epk = sealed.slice(3, dot);
  const priv = privateKeyObject(privateKey);
  let shared: Buffer;
  try {
    shared = diffieHellman({ privateKey: priv, publicKey: publicKeyObject(epk) });
  } catch {
    throw new CryptoError('decryption failed: malformed ephemeral key');
  }
  const recipient = publicKeyOf(privateKey);
  const key = Buffer.from(hkdfSync('sha256', shared, Buffer.concat([unb64(epk), unb64(recipient)]), `notewall/seal/v1|${context}`, 32));
  return aeadOpen(key, sealed.slice(dot + 1), context);
}

/** Associated-data strings: one function per purpose so no two purposes can collide. */
export const aad = {
  note: (noteId: string, authorId: string, keyVersion: number) => `vault-note|${noteId}|${authorId}|${keyVersion}`,
  dataKey: (noteId: string, authorId: string, keyVersion: number) => `vault-dek|${noteId}|${authorId}|${keyVersion}`,
  passwordWrap: (userId: string, keyVersion: number) => `author-key-password|${userId}|${keyVersion}`,
  recoveryWrap: (userId: string, keyVersion: number) => `author-key-recovery|${userId}|${keyVersion}`,
  session: (sessionId: string, userId: string) => `author-key-session|${sessionId}|${userId}`,
  releasePacket: (packetId: string, part: 'pdf' | 'fhir') => `release-packet|${packetId}|${part}`,
  releasePacketKey: (packetId: string, recipientId: string, keyVersion: number) => `release-packet-dek|${packetId}|${recipientId}|${keyVersion}`,
} as const;

/** A fresh random 32-byte data key. */
export function newDataKey(): Buffer {
  return randomBytes(32);
}

/**
 * Makes the author's private key usable for one login session without storing it in the
 * clear: the key is sealed under a random secret that only the user's session cookie holds;
 * the database keeps `wrappedKeyForStore`. Either half alone is useless.
 */
export function createUnlockedSession(privateKey: Uint8Array, ids: { sessionId: string; userId: string }): { sessionSecret: string; wrappedKeyForStore: string } {
  const secret = randomBytes(32);
  return { sessionSecret: b64(secret), wrappedKeyForStore: aeadSeal(secret, privateKey, aad.session(ids.sessionId, ids.userId)) };
}

/** Recovers the private key from the cookie's secret and the stored wrapped key. */
export function openUnlockedSession(sessionSecret: string, wrappedKey: string, ids: { sessionId: string; userId: string }): Buffer {
  const secret = unb64(sessionSecret);
  if (secret.length !== 32) throw new CryptoError('malformed session secret');
  return aeadOpen(secret, wrappedKey, aad.session(ids.sessionId, ids.userId));
}
