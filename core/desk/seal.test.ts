import { describe, expect, it } from 'vitest';
import { newMemberKeyPair, seal, sealContext, unseal, UnsealError, isSealedEntry } from './seal.js';

const identity = { name: 'Margarethe Okonkwo-Lindqvist', aliases: ['Deep Harbour'] };

describe('sealing an identity to a member', () => {
  it('opens for the member it was sealed to, with a fresh ephemeral key each time', () => {
    const ben = newMemberKeyPair();
    const ctx = sealContext('case1', 'src1', 'Ben');
    const a = seal(identity, ben.publicKey, ctx);
    const b = seal(identity, ben.publicKey, ctx);
    expect(isSealedEntry(a)).toBe(true);
    expect(a.epk).not.toBe(b.epk);
    expect(a.data).not.toBe(b.data);
    expect(unseal(a, ben, ctx)).toEqual(identity);
    expect(JSON.stringify(a)).not.toContain('Okonkwo');
  });

  it('does not open for another member, another record, or with one byte changed', () => {
    const ben = newMemberKeyPair();
    const fay = newMemberKeyPair();
    const entry = seal(identity, ben.publicKey, sealContext('case1', 'src1', 'Ben'));
    expect(() => unseal(entry, fay, sealContext('case1', 'src1', 'Ben'))).toThrow(UnsealError);
    expect(() => unseal(entry, ben, sealContext('case1', 'src2', 'Ben'))).toThrow(/changed on the way, or sealed for another record/);
    expect(() => unseal(entry, ben, sealContext('case1', 'src1', 'Fay'))).toThrow(UnsealError);
    const bytes = Buffer.from(entry.data, 'base64url');
    bytes.writeUInt8(bytes.readUInt8(3) ^ 1, 3);
    expect(() => unseal({ ...entry, data: bytes.toString('base64url') }, ben, sealContext('case1', 'src1', 'Ben'))).toThrow(UnsealError);
    expect(() => unseal({ ...entry, extra: 'x' }, ben, sealContext('case1', 'src1', 'Ben'))).toThrow(/not a sealed identity/);
  });
});
