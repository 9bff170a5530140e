import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aeadOpen, aeadSeal, CryptoError, passphraseOpen, passphraseSeal } from '../crypto-box.ts';
import { createUnlockedSession, generateX25519KeyPair, openSealed, openUnlockedSession, publicKeyOf, sealTo } from './crypto.ts';
import { decodeRecoveryCode, encodeRecoveryCode, RecoveryCodeError } from './recovery-code.ts';

describe('AES-256-GCM sealing', () => {
  it('round-trips any bytes and refuses a wrong key, wrong associated data or a flipped bit', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.string(), fc.nat(), (plain, ad, flip) => {
        const key = randomBytes(32);
        const sealed = aeadSeal(key, plain, ad);
        expect(Buffer.from(aeadOpen(key, sealed, ad))).toEqual(Buffer.from(plain));
        expect(() => aeadOpen(randomBytes(32), sealed, ad)).toThrow(CryptoError);
        expect(() => aeadOpen(key, sealed, `${ad}x`)).toThrow(CryptoError);
        const parts = sealed.split('.');
        const ct = Buffer.from(parts[2] ?? '', 'base64url');
        const tag = Buffer.from(parts[3] ?? '', 'base64url');
        const target = ct.length > 0 ? ct : tag;
        target[flip % target.length]! ^= 1;
        const tampered = [parts[0], parts[1], ct.toString('base64url'), tag.toString('base64url')].join('.');
        expect(() => aeadOpen(key, tampered, ad)).toThrow(CryptoError);
      }),
      { numRuns: 100 },
    );
  });
});

describe('sealing to an X25519 public key', () => {
  it('opens with the matching private key and context only', () => {
    const alice = generateX25519KeyPair();
    const bob = generateX25519KeyPair();
    expect(publicKeyOf(alice.privateKey)).toBe(alice.publicKey);
    const dataKey = randomBytes(32);
    const sealed = sealTo(alice.publicKey, dataKey, 'vault-dek|n1|a1|1');
    expect(openSealed(alice.privateKey, sealed, 'vault-dek|n1|a1|1')).toEqual(dataKey);
    expect(() => openSealed(bob.privateKey, sealed, 'vault-dek|n1|a1|1')).toThrow(CryptoError);
    // Moved to another note: the bound context no longer matches.
    expect(() => openSealed(alice.privateKey, sealed, 'vault-dek|n2|a1|1')).toThrow(CryptoError);
    // Two seals of the same key differ (ephemeral key, random IV).
    expect(sealTo(alice.publicKey, dataKey, 'c')).not.toBe(sealTo(alice.publicKey, dataKey, 'c'));
  });

  it('unlocked sessions need both the cookie secret and the stored half', () => {
    const { privateKey } = generateX25519KeyPair();
    const ids = { sessionId: 's1', userId: 'u1' };
    const s = createUnlockedSession(privateKey, ids);
    expect(openUnlockedSession(s.sessionSecret, s.wrappedKeyForStore, ids)).toEqual(privateKey);
    const other = createUnlockedSession(privateKey, ids);
    expect(() => openUnlockedSession(other.sessionSecret, s.wrappedKeyForStore, ids)).toThrow(CryptoError);
    expect(() => openUnlockedSession(s.sessionSecret, s.wrappedKeyForStore, { sessionId: 's2', userId: 'u1' })).toThrow(CryptoError);
    expect(s.wrappedKeyForStore).not.toContain(privateKey.toString('base64url'));
  });
});

describe('passphrase boxes', () => {
  it('open with the passphrase only', async () => {
    const box = await passphraseSeal('a long synthetic passphrase', Buffer.from('payload'), 'test/v1');
    expect((await passphraseOpen('a long synthetic passphrase', box, 'test/v1')).toString()).toBe('payload');
    await expect(passphraseOpen('a long synthetic passphrasf', box, 'test/v1')).rejects.toThrow(CryptoError);
    await expect(passphraseOpen('a long synthetic passphrase', box, 'other/v1')).rejects.toThrow(CryptoError);
  });
});

describe('recovery code', () => {
  const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

  it('round-trips and is forgiving about case, spaces and look-alike letters', () => {
    const key = randomBytes(32);
    const code = encodeRecoveryCode(key);
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-){10}[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(decodeRecoveryCode(code)).toEqual(key);
    expect(decodeRecoveryCode(code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l'))).toEqual(key);
  });

  it('catches every single-character typo and a dropped character', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.nat(54), fc.nat(31), (bytes, pos, sub) => {
        const code = encodeRecoveryCode(bytes).replace(/-/g, '');
        const replacement = ALPHABET[sub]!;
        fc.pre(code[pos] !== replacement);
        const typo = code.slice(0, pos) + replacement + code.slice(pos + 1);
        expect(() => decodeRecoveryCode(typo)).toThrow(RecoveryCodeError);
        expect(() => decodeRecoveryCode(code.slice(0, pos) + code.slice(pos + 1))).toThrow(RecoveryCodeError);
      }),
      { numRuns: 300 },
    );
  });
});
