/**
 * The practice recovery code: the recovery private key (32 bytes) as 52 Crockford base32
 * characters, one Luhn mod 32 check character (catches every single-character typo and
 * most swaps of neighbours) and two characters of a SHA-256 checksum, in 11 groups of five
 * (`ABCDE-FGHJK-…`). It is shown once at setup
 * and never stored (45 CFR 164.312(a)(2)(ii) emergency access procedure). Reading is
 * forgiving (case, spaces, dashes, O→0, I/L→1); a typo fails the checksum instead of
 * producing a wrong key.
 */
import { createHash } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export class RecoveryCodeError extends Error {
  override readonly name = 'RecoveryCodeError';
}

function shaChars(key: Uint8Array): string {
  const d = createHash('sha256').update('notewall-recovery-code').update(key).digest();
  return ALPHABET[d[0]! & 31]! + ALPHABET[d[1]! & 31]!;
}

/** The Luhn mod 32 check character of `chars`. */
function luhnChar(chars: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    const addend = factor * ALPHABET.indexOf(chars[i]!);
    sum += Math.floor(addend / 32) + (addend % 32);
    factor = factor === 2 ? 1 : 2;
  }
  return ALPHABET[(32 - (sum % 32)) % 32]!;
}

function encodeBase32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function decodeBase32(text: string): Buffer {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of text) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new RecoveryCodeError(`the recovery code contains "${ch}", which is not one of its characters`);
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  if (value !== 0) throw new RecoveryCodeError('the recovery code has a typo in its last character');
  return Buffer.from(out);
}

/** Formats a 32-byte recovery private key as a recovery code. */
export function encodeRecoveryCode(privateKey: Uint8Array): string {
  if (privateKey.length !== 32) throw new Error('a recovery key is 32 bytes');
  const body = encodeBase32(privateKey);
  const chars = body + luhnChar(body) + shaChars(privateKey);
  return chars.match(/.{1,5}/g)!.join('-');
}

/** Reads a recovery code back into the 32-byte key; throws {@link RecoveryCodeError} on any typo. */
export function decodeRecoveryCode(code: string): Buffer {
  const norm = code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (norm.length !== 55) throw new RecoveryCodeError(`the recovery code has ${norm.length} characters; it should have 55 (11 groups of 5)`);
  for (const ch of norm) {
    if (!ALPHABET.includes(ch)) throw new RecoveryCodeError(`the recovery code contains "${ch}", which is not one of its characters`);
  }
  const body = norm.slice(0, 52);
  if (luhnChar(body) !== norm[52]) throw new RecoveryCodeError('the recovery code has a typo (its check character does not match)');
  const key = decodeBase32(body);
  if (key.length !== 32 || shaChars(key) !== norm.slice(53)) throw new RecoveryCodeError('the recovery code has a typo (its checksum does not match)');
  return key;
}
