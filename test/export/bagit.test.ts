// The ZIP packet is a valid BagIt bag (RFC 8493), checked by a validator written here from the
// RFC, independent of the code that makes the bag: no standard validator can be installed here.

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { callAsync } from '../helpers.js';
import { exportFixture } from './fixture.js';
import { unzip, type Entry } from './read.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every problem RFC 8493 would find in the bag held by these ZIP entries (empty: valid). */
export function bagProblems(entries: Entry[]): string[] {
  const problems: string[] = [];
  const roots = new Set(entries.map((e) => e.name.split('/')[0]));
  if (roots.size !== 1) return [`the bag must sit in one top folder (found ${[...roots].join(', ')})`];
  const root = `${[...roots][0]}/`;
  const files = new Map(entries.filter((e) => !e.name.endsWith('/')).map((e) => [e.name.slice(root.length), e.bytes]));
  for (const name of files.keys()) {
    if (name.split('/').some((part) => part === '..' || part === '.' || part === '') || name.startsWith('/')) problems.push(`bad path ${name}`);
  }
  // §2.1.1 bagit.txt: exactly these two lines.
  const bagit = files.get('bagit.txt')?.toString('utf8');
  if (bagit !== 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n' && bagit !== 'BagIt-Version: 1.0\r\nTag-File-Character-Encoding: UTF-8\r\n') problems.push('bagit.txt is not the two required lines');
  // §2.1.3 payload manifest: every payload file exactly once, with its checksum; nothing else.
  const manifest = files.get('manifest-sha256.txt')?.toString('utf8');
  if (manifest === undefined) return [...problems, 'no manifest-sha256.txt'];
  const listed = new Map<string, string>();
  for (const line of manifest.split(/\r?\n/).filter(Boolean)) {
    const m = /^([0-9a-f]{64}) +(\S.*)$/.exec(line);
    if (!m) {
      problems.push(`manifest line not "checksum filepath": ${line}`);
      continue;
    }
    const path = decodeURIComponent(m[2]!.replace(/%(?!0A|0D|25)/gi, '%25'));
    if (!path.startsWith('data/')) problems.push(`manifest lists ${path} outside data/`);
    if (listed.has(path)) problems.push(`manifest lists ${path} twice`);
    listed.set(path, m[1]!);
  }
  const payload = [...files.keys()].filter((n) => n.startsWith('data/'));
  for (const p of payload) {
    if (!listed.has(p)) problems.push(`payload file ${p} is not in the manifest`);
    else if (listed.get(p) !== sha256(files.get(p)!)) problems.push(`checksum of ${p} does not match`);
  }
  for (const p of listed.keys()) if (!files.has(p)) problems.push(`manifest lists missing file ${p}`);
  // §2.2.2 bag-info.txt: "Label: value" lines; Payload-Oxum is octets.count of the payload.
  const info = files.get('bag-info.txt')?.toString('utf8') ?? '';
  const fields = new Map<string, string>();
  for (const line of info.split(/\r?\n/).filter(Boolean)) {
    const m = /^([^:\s][^:]*):\s(.*)$/.exec(line);
    if (!m && !/^\s/.test(line)) problems.push(`bag-info line is not "Label: value": ${line}`);
    if (m) fields.set(m[1]!, m[2]!);
  }
  const oxum = `${payload.reduce((n, p) => n + files.get(p)!.length, 0)}.${payload.length}`;
  if (fields.get('Payload-Oxum') !== oxum) problems.push(`Payload-Oxum ${fields.get('Payload-Oxum')} is not ${oxum}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fields.get('Bagging-Date') ?? '')) problems.push('Bagging-Date is not YYYY-MM-DD');
  // §2.2.1 tag manifest: if present, its checksums must match the tag files it lists.
  const tagmanifest = files.get('tagmanifest-sha256.txt')?.toString('utf8');
  for (const line of (tagmanifest ?? '').split(/\r?\n/).filter(Boolean)) {
    const [sum, name] = line.split(/ +/);
    if (!files.has(name!) || sha256(files.get(name!)!) !== sum) problems.push(`tag manifest entry for ${name} does not match`);
    if (name!.startsWith('data/')) problems.push(`tag manifest lists payload file ${name}`);
  }
  return problems;
}

describe('BagIt', () => {
  it('the ZIP packet is a valid bag holding every format and the original evidence files', async () => {
    const f = await exportFixture();
    const r = await callAsync(f.ctx, 'packets.export', { caseId: f.caseId, profile: 'factChecker', format: 'zip' });
    expect(r.fileName).toMatch(/^packet-factChecker-\d{4}-\d{2}-\d{2}\.zip$/);
    const entries = await unzip(Buffer.from(r.data, 'base64'));
    expect(bagProblems(entries)).toEqual([]);
    const names = entries.map((e) => e.name.replace(/^[^/]+\//, '')).sort();
    expect(names).toEqual(expect.arrayContaining(['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'tagmanifest-sha256.txt', 'data/packet.html', 'data/packet.md', 'data/packet.jsonld', 'data/packet.csv', 'data/packet.csl.json']));
    const original = entries.find((e) => /\/data\/evidence\/D\d+-[0-9a-f]{12}\.txt$/.test(e.name));
    expect(original?.bytes.toString('utf8')).toContain('Declared as industrial solvent.');
  });

  it('the lawyer bag leaves out an original file that names a confidential source', async () => {
    const f = await exportFixture();
    const r = await callAsync(f.ctx, 'packets.export', { caseId: f.caseId, profile: 'lawyer', format: 'zip' });
    const entries = await unzip(Buffer.from(r.data, 'base64'));
    expect(bagProblems(entries)).toEqual([]);
    expect(entries.filter((e) => e.name.includes('/evidence/'))).toEqual([]);
    expect(r.redactions).toContain('1 original evidence file left out');
  });

  it('the validator can fail: a changed payload file, a wrong Oxum, an unlisted file', async () => {
    const f = await exportFixture();
    const r = await callAsync(f.ctx, 'packets.export', { caseId: f.caseId, profile: 'editor', format: 'zip' });
    const entries = await unzip(Buffer.from(r.data, 'base64'));
    const edit = (pick: (e: Entry) => boolean, bytes: (b: Buffer) => Buffer) => entries.map((e) => (pick(e) ? { ...e, bytes: bytes(e.bytes) } : e));
    expect(bagProblems(edit((e) => e.name.endsWith('data/packet.md'), (b) => Buffer.concat([b, Buffer.from('x')])))).toEqual(
      expect.arrayContaining([expect.stringMatching(/checksum of data\/packet\.md/), expect.stringMatching(/Payload-Oxum/)]),
    );
    const root = entries[0]!.name.split('/')[0];
    expect(bagProblems([...entries, { name: `${root}/data/extra.txt`, bytes: Buffer.from('x') }])).toEqual(expect.arrayContaining(['payload file data/extra.txt is not in the manifest']));
    expect(bagProblems(edit((e) => e.name.endsWith('bagit.txt'), () => Buffer.from('BagIt-Version: 0.97\n')))).toContain('bagit.txt is not the two required lines');
  });
});
