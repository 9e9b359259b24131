// Redaction as the packet model applies it: which values each profile withholds (from the whole
// library), that every string of the model goes through the engine except the values
// Corroborate makes itself, and that what the model says about its own text still holds after
// the text was redacted (citation positions, the count of replacements).

import { describe, expect, it } from 'vitest';
import { buildPacket } from '../../core/export/model.js';
import { BUILT_IN_PROFILES, resolveProfile } from '../../core/export/profiles.js';
import { scrubDeep, withheldValues } from '../../core/export/redaction.js';
import { compileRedactor, WITHHELD } from '../../core/redaction/engine.js';
import type { Source } from '../../db/index.js';
import { call, callAsync, tempLibrary } from '../helpers.js';
import { noteContent } from './adversary.js';

const source = (over: Partial<Source>): Source =>
  ({ kind: 'person', name: 'Someone', aliases: [], contact: {}, confidential: false, ...over }) as Source;

describe('what a profile withholds', () => {
  const library = [
    source({ name: 'Zebulon Quixotic', confidential: true, aliases: ['The Ferryman'], contact: { email: 'zeb@quixotic-mail.net', phone: '+1 555 0199', other: 'Signal @zebq; https://www.zebq.blog/about; https://x.com/zeb_q_real' } }),
    source({ name: 'Quixotic Holdings', kind: 'organisation', confidential: true, contact: { email: 'zq@gmail.com' } }),
    source({ name: 'Port Authority', kind: 'organisation', contact: { email: 'press@port.example.org', other: 'WhatsApp +52 314 555 0143' } }),
  ];

  it('the lawyer: every confidential identity, and every contact detail of every source', () => {
    const v = withheldValues(library, BUILT_IN_PROFILES.lawyer.fields);
    expect(v.people).toEqual(['Zebulon Quixotic']);
    expect(v.phrases).toEqual(expect.arrayContaining(['Quixotic Holdings', 'The Ferryman', 'WhatsApp +52 314 555 0143', '+1 555 0199']));
    expect(v.phones).toEqual(['+1 555 0199']);
    expect(v.emails).toEqual(['zeb@quixotic-mail.net', 'zq@gmail.com', 'press@port.example.org']);
    // A hidden source's own domains name it; a shared provider's, or a named source's, do not.
    expect(v.domains).toEqual(['quixotic-mail.net', 'zebq.blog']);
    // A handle and a web address are withheld also as written without @, scheme or www.
    expect(v.phrases).toEqual(expect.arrayContaining(['zebq', 'zebq.blog/about', 'x.com/zeb_q_real', 'zeb_q_real']));
    // A path on the source's own site is no handle: “about” stays a word anyone may write.
    expect(v.phrases).not.toContain('about');
  });

  it('a profile that shows contact details still withholds those of a hidden identity', () => {
    const v = withheldValues(library, resolveProfile({ base: 'lawyer', fields: { contactDetails: true } }).fields);
    expect(v.phones).toEqual(['+1 555 0199']);
    expect(v.emails).toEqual(['zeb@quixotic-mail.net', 'zq@gmail.com']);
    expect(v.phrases).not.toContain('WhatsApp +52 314 555 0143');
  });

  it('the fact-checker: nothing', () => {
    expect(withheldValues(library, BUILT_IN_PROFILES.factChecker.fields)).toEqual({ people: [], phrases: [], emails: [], domains: [], phones: [] });
  });
});

describe('the funnel', () => {
  it('passes every string but the ids, hashes and timestamps Corroborate made', () => {
    const r = compileRedactor({ people: [], phrases: [], emails: [], domains: [], phones: ['+1 202 555 0199'] });
    const model = {
      sha256: `ab2025550199${'c'.repeat(52)}`,
      id: '01J2025550199ABCDEFGHJKMNP',
      at: '2025-02-02T05:50:19.900Z',
      note: 'Call 202-555-0199',
      nested: [{ label: 'Ring 2025550199' }],
    };
    expect(scrubDeep(model, (s) => r.redact(s))).toEqual({ ...model, note: `Call ${WITHHELD}`, nested: [{ label: `Ring ${WITHHELD}` }] });
  });
});

describe('the packet model after redaction', () => {
  async function library() {
    const ctx = tempLibrary();
    const { caseId } = call(ctx, 'demo.load', {});
    const zeb = call(ctx, 'sources.create', { name: 'Zebulon Quixotic', confidential: true, description: 'a harbour pilot', contact: { phone: '+1 555 0199', email: 'zeb@quixotic-mail.net' } });
    const claim = call(ctx, 'claims.create', { caseId, statement: 'Zebulon Quixotic says the manifests are rewritten at night.', sourceIds: [zeb.id], attribution: 'background' });
    const content = JSON.parse(noteContent([['Zebulon Quixotic (ring 555 0199) told us the manifests are rewritten.']])) as { root: { children: { children: unknown[] }[] } };
    content.root.children[0]!.children.push({ type: 'claim-citation', version: 1, claimId: claim.id }, { type: 'text', version: 1, text: ' Then zebulon left.', format: 0 });
    const note = call(ctx, 'notes.create', { caseId, title: 'Pilot', content: JSON.stringify(content) });
    await callAsync(ctx, 'packets.preview', { caseId, profile: 'lawyer' });
    return { ctx, caseId, noteId: note.id };
  }

  it('places each citation in the draft’s text as it reads after redaction', async () => {
    const { ctx, caseId, noteId } = await library();
    const p = buildPacket(ctx, { caseId, noteId, profile: BUILT_IN_PROFILES.lawyer, withoutMap: true });
    const d = p.drafts[0]!;
    expect(d.text).toBe(`${WITHHELD} (ring ${WITHHELD}) told us the manifests are rewritten. Then ${WITHHELD} left.`);
    expect(d.citations).toHaveLength(1);
    for (const c of d.citations) expect(d.text.slice(c.start, c.end)).toBe(c.exact);
    expect(d.citations[0]!.exact).toBe(`${WITHHELD} (ring ${WITHHELD}) told us the manifests are rewritten.`);
  });

  it('finds a name split across runs of one paragraph (part bold, part not), and cuts it out of both', async () => {
    const { ctx, caseId } = await library();
    const note = call(ctx, 'notes.create', { caseId, title: 'Split', content: noteContent([['Ask ', { bold: 'Zeb' }, 'ulon Quix', { bold: 'otic' }, ' first.']]) });
    const p = buildPacket(ctx, { caseId, noteId: note.id, profile: BUILT_IN_PROFILES.lawyer, withoutMap: true });
    const d = p.drafts[0]!;
    expect(d.text).toBe(`Ask ${WITHHELD} first.`);
    expect(d.blocks[0]!.runs).toEqual([
      { kind: 'text', text: 'Ask ' },
      { kind: 'text', text: WITHHELD, bold: true },
      { kind: 'text', text: ' first.' },
    ]);
    const half = call(ctx, 'notes.create', { caseId, title: 'Half', content: noteContent([['Ask ', { bold: 'Zeb' }, 'ulon alone.']]) });
    const runs = buildPacket(ctx, { caseId, noteId: half.id, profile: BUILT_IN_PROFILES.lawyer, withoutMap: true }).drafts[0]!.blocks[0]!.runs;
    expect(runs).toEqual([
      { kind: 'text', text: 'Ask ' },
      { kind: 'text', text: WITHHELD, bold: true },
      { kind: 'text', text: ' alone.' },
    ]);
  });

  it('finds a name split between an excerpt’s context and its words', async () => {
    const { ctx, caseId } = await library();
    const doc = call(ctx, 'documents.create', { caseId, title: 'Ledger', text: 'The ledger was signed by Zebulon Quixotic in March, then filed.' });
    const at = doc.text.indexOf('ulon');
    call(ctx, 'excerpts.create', { documentId: doc.id, start: at, end: at + 'ulon Quixotic in March'.length });
    const p = buildPacket(ctx, { caseId, profile: BUILT_IN_PROFILES.lawyer, withoutMap: true });
    const x = p.documents.find((d) => d.id === doc.id)!.excerpts[0]!;
    expect(`${x.prefix}|${x.exact}|${x.suffix}`).toBe(`The ledger was signed by ${WITHHELD}| in March|, then filed.`);
  });

  it('counts exactly the replacements it made, and shows a hidden identity’s contact details nowhere', async () => {
    const { ctx, caseId } = await library();
    const profile = resolveProfile({ base: 'lawyer', label: 'Counsel for Zebulon', fields: { contactDetails: true } });
    const p = buildPacket(ctx, { caseId, profile, withoutMap: true });
    const strings: string[] = [];
    scrubDeep(p, (s) => (strings.push(s), s));
    const shown = strings.join('\n').split(WITHHELD).length - 1;
    expect(p.redactions.textReplacements).toBe(shown);
    expect(shown).toBeGreaterThan(3);
    expect(p.profile.label).toBe(`Counsel for ${WITHHELD}`);
    const hidden = p.sources.find((s) => s.identityWithheld && s.label.includes('harbour pilot'))!;
    expect(hidden.contact).toBeUndefined();
    // Named sources keep theirs under this profile.
    expect(p.sources.find((s) => !s.confidential && s.contact?.length)).toBeDefined();
  });
});
