// A confidential source's identity granted to one named member, end-to-end encrypted
// (docs/sync.md §5): sealed to that member's X25519 public key with a fresh ephemeral key per
// seal (ECDH, then HKDF-SHA-256, then AES-256-GCM), the case, the record and the member bound as
// associated data, so a sealed entry copied to another record or relabelled for another member
// does not open. Only node:crypto: nothing to install, nothing home-made beyond the composition.

import { createCipheriv, createHash, createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';

/** A member's key pair as the library keeps it: the raw 32-byte keys, base64url (JWK's x and d). */
export interface MemberKeyPair {
  publicKey: string;
  privateKey: string;
}

/** What the record's `$sealed` map holds for one member: ciphertext and what it takes to open it. */
export interface SealedEntry {
  v: 1;
  /** The recipient's public key it was sealed to (a later key of theirs needs a new seal). */
  to: string;
  /** The ephemeral public key of this seal. */
  epk: string;
  iv: string;
  /** AES-256-GCM ciphertext followed by its 16-byte tag. */
  data: string;
}

const INFO = Buffer.from('corroborate identity grant v1');
const KEY_CHARS = /^[A-Za-z0-9_-]{43}$/;

export const isPublicKey = (k: unknown): k is string => typeof k === 'string' && KEY_CHARS.test(k);

/** The most a sealed identity may weigh on the desk (a name, aliases, notes: far less). */
export const SEALED_MAX = 96 * 1024;

export function isSealedEntry(e: unknown): e is SealedEntry {
  if (!e || typeof e !== 'object' || Array.isArray(e)) return false;
  const o = e as Record<string, unknown>;
  const keys = Object.keys(o).sort().join(',');
  return (
    keys === 'data,epk,iv,to,v' &&
    o.v === 1 &&
    isPublicKey(o.to) &&
    isPublicKey(o.epk) &&
    typeof o.iv === 'string' &&
    /^[A-Za-z0-9_-]{16}$/.test(o.iv) &&
    typeof o.data === 'string' &&
    o.data.length <= SEALED_MAX &&
    /^[A-Za-z0-9_-]{22,}$/.test(o.data)
  );
}

/**
 * A public key as two people can compare it by phone ("3f2a 91c0 …"): the server hands out the
 * keys, so a holder who checks the fingerprint with the member knows the server did not swap one.
 */
export function fingerprint(publicKey: string): string {
  const hex = createHash('sha256').update(Buffer.from(publicKey, 'base64url')).digest('hex').slice(0, 32);
  return hex.match(/.{4}/g)!.join(' ');
}

export function newMemberKeyPair(): MemberKeyPair {
  const { privateKey } = generateKeyPairSync('x25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return { publicKey: jwk.x!, privateKey: jwk.d! };
}

const publicKeyObject = (x: string): KeyObject => createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x }, format: 'jwk' });
const privateKeyObject = (pair: MemberKeyPair): KeyObject => createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', x: pair.publicKey, d: pair.privateKey }, format: 'jwk' });

/** What the seal is bound to: the same ciphertext under another case, record or member does not open. */
export function sealContext(caseId: string, recordId: string, member: string): Buffer {
  return Buffer.from(JSON.stringify(['corroborate-grant', caseId, recordId, member]), 'utf8');
}

function aesKey(secret: Buffer, epk: string, to: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.from(`${epk}.${to}`, 'utf8'), INFO, 32));
}

export function seal(value: unknown, recipient: string, context: Buffer): SealedEntry {
  const eph = generateKeyPairSync('x25519');
  const epk = eph.publicKey.export({ format: 'jwk' }).x!;
  const key = aesKey(diffieHellman({ privateKey: eph.privateKey, publicKey: publicKeyObject(recipient) }), epk, recipient);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(context);
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { v: 1, to: recipient, epk, iv: iv.toString('base64url'), data: data.toString('base64url') };
}

export class UnsealError extends Error {}

/** Opens an entry sealed to `pair`; throws UnsealError when it was sealed to another key, changed, or moved. */
export function unseal(entry: unknown, pair: MemberKeyPair, context: Buffer): unknown {
  if (!isSealedEntry(entry)) throw new UnsealError('it is not a sealed identity this version can read');
  if (entry.to !== pair.publicKey) throw new UnsealError('it was sealed to another key of yours (granted again since?)');
  try {
    const key = aesKey(diffieHellman({ privateKey: privateKeyObject(pair), publicKey: publicKeyObject(entry.epk) }), entry.epk, entry.to);
    const data = Buffer.from(entry.data, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(entry.iv, 'base64url'));
    decipher.setAAD(context);
    decipher.setAuthTag(data.subarray(data.length - 16));
    const plain = Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]);
    return JSON.parse(plain.toString('utf8'));
  } catch {
    throw new UnsealError('it was changed on the way, or sealed for another record or member');
  }
}
