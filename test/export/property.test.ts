// Property: whatever confidential sources a library holds and however a reporter writes them
// into claims and notes (case changed, diacritics dropped, run together, reordered, split by an
// invisible character, split between bold and plain text, percent-encoded in a link, as character references, by initial and
// surname; e-mails whole, by local part, by domain, in a mailto: link; phones re-spelt with or
// without country code or trunk 0), no packet made under a profile that withholds them holds
// any of them, in any file of any format, by the oracle's reading. The control: the oracle finds
// every generated form in the fact-checker packet, so a pass is not a blind oracle.
//
// Runtime (2 shared cores): fixed seeds; 12 runs over HTML, Markdown, JSON-LD, CSV and CSL-JSON
// for editor, lawyer and a custom profile; 2 runs over PDF and ZIP (lawyer) where Chromium is
// here; 200 runs of the oracle alone on each form. About 35 s in all. No shrinking (endOnFailure): a failure prints the oracle's hits.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FormatName } from '../../core/export/index.js';
import { call, tempLibrary } from '../helpers.js';
import { exportViews, FAST_FORMATS, hasChromium, hitsIn, librarySecrets, noteContent, type Exported, type Piece, type ProfileArg } from './adversary.js';
import { describeHits, search, type Secret } from './oracle.js';

const SYLLABLES = ['zeb', 'ul', 'on', 'qui', 'xo', 'tic', 'vel', 'dor', 'bri', 'quel', 'ost', 'rav', 'ilk', 'yan', 'ska', 'thu', 'vex', 'pim', 'ko', 'lu', 'fen', 'wyn', 'dra', 'mio', 'zu', 'bek'];
const ACCENTED: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ö', u: 'ü', n: 'ñ', c: 'ç', s: 'š', z: 'ž' };

const capital = (w: string) => w[0]!.toUpperCase() + w.slice(1);
const plain = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');

/** A name part no dictionary holds, four letters or more, perhaps with a diacritic. */
const part = fc.tuple(fc.array(fc.constantFrom(...SYLLABLES), { minLength: 2, maxLength: 3 }), fc.nat(20)).map(([syllables, k]) => {
  const word = syllables.join('');
  const at = [...word].findIndex((c, i) => i >= k % word.length && c in ACCENTED);
  return capital(at < 0 || k % 3 === 0 ? word : word.slice(0, at) + ACCENTED[word[at]!] + word.slice(at + 1));
});

interface Person {
  first: string;
  last: string;
  name: string;
  alias: string | null;
  email: string;
  phone: { international: string; cc: string; national: string };
  attribution: 'background' | 'off_record' | 'on_record';
  forms: FormKind[];
}

const FORM_KINDS = [
  'as typed', 'lower case', 'upper-case surname', 'no diacritics', 'run together', 'surname first', 'zero-width inside', 'soft hyphen inside',
  'split by bold', 'link path', 'link query', 'character references', 'initial and surname', 'alias', 'e-mail', 'mailto link', 'e-mail local part', 'e-mail domain',
  'phone national', 'phone digits', 'phone with 00', 'phone trunk 0', 'phone dashes',
] as const;
type FormKind = (typeof FORM_KINDS)[number];

const person = fc
  .record({
    first: part,
    last: part,
    join: fc.constantFrom(' ', ' de la ', ' van ', " O'"),
    alias: fc.option(part.map((p) => `The ${p}`), { nil: null }),
    domain: fc.constantFrom('family', 'mail', 'gmail'),
    cc: fc.constantFrom('1', '44', '52', '49', '33'),
    national: fc.stringMatching(/^[2-9]\d{8}$/),
    attribution: fc.constantFrom('background' as const, 'off_record' as const, 'on_record' as const),
    forms: fc.subarray([...FORM_KINDS], { minLength: 4 }),
  })
  .map((r): Person => {
    const local = plain(`${r.first}.${r.last}`).toLowerCase();
    const domain = r.domain === 'gmail' ? 'gmail.com' : `${plain(r.last).toLowerCase()}-${r.domain}.net`;
    const n = r.national;
    return {
      first: r.first,
      last: r.last,
      name: `${r.first}${r.join}${r.last}`,
      alias: r.alias,
      email: `${local}@${domain}`,
      phone: { international: `+${r.cc} ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`, cc: r.cc, national: n },
      attribution: r.attribution,
      forms: r.forms.filter((f) => f !== 'alias' || r.alias),
    };
  });

/** How the reporter wrote `p` in one form: text, a link, or a name split across bold and plain text. */
function written(p: Person, form: FormKind): Piece | Piece[] {
  const n = p.phone.national;
  const split = (w: string, mark: string) => w.slice(0, 2) + mark + w.slice(2);
  switch (form) {
    case 'as typed': return `${p.name} said so.`;
    case 'lower case': return `then ${p.last.toLowerCase()} left`;
    case 'upper-case surname': return `per ${p.last.toUpperCase()}`;
    case 'no diacritics': return `${plain(p.name)} confirmed`;
    case 'run together': return `tagged ${plain(p.first + p.last).toLowerCase()}`;
    case 'surname first': return `${p.last}, ${p.first}`;
    case 'zero-width inside': return `${split(p.last, '\u200B')} agreed`;
    case 'soft hyphen inside': return `${split(p.first, '\u00AD')} agreed`;
    case 'split by bold': return [`asked `, { bold: p.last.slice(0, 2) }, `${p.last.slice(2)} twice`];
    case 'link path': return { url: `https://social.example/${encodeURIComponent(plain(p.first).toLowerCase())}.${encodeURIComponent(plain(p.last).toLowerCase())}`, text: 'profile' };
    case 'link query': return { url: `https://search.example/?q=${encodeURIComponent(p.name)}#${encodeURIComponent(p.last)}`, text: 'search' };
    case 'character references': return `${[...p.last].map((c) => `&#${c.codePointAt(0)};`).join('')} again`;
    case 'initial and surname': return `@${plain(p.first[0]! + p.last).toLowerCase()} posted`;
    case 'alias': return `${p.alias!.toLowerCase()} called`;
    case 'e-mail': return `wrote to ${p.email.toUpperCase()}`;
    case 'mailto link': return { url: `mailto:${p.email}`, text: p.email };
    case 'e-mail local part': return `user ${p.email.split('@')[0]} online`;
    case 'e-mail domain': return `server ${p.email.split('@')[1]} down`;
    case 'phone national': return `ring (${n.slice(0, 3)}) ${n.slice(3)}`;
    case 'phone digits': return `ring ${p.phone.cc}${n}`;
    case 'phone with 00': return `ring 00 ${p.phone.cc} ${n}`;
    case 'phone trunk 0': return `ring 0${n.slice(0, 3)} ${n.slice(3)}`;
    case 'phone dashes': return `ring +${p.phone.cc}-${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`;
  }
}

/** The oracle's secrets for one generated source, as the lawyer withholds them. */
function secretsOfPerson(p: Person): Secret[] {
  return [
    { kind: 'person', value: p.name },
    ...(p.alias ? [{ kind: 'phrase' as const, value: p.alias }] : []),
    { kind: 'email', value: p.email, domain: !p.email.endsWith('@gmail.com') },
    { kind: 'phone', value: p.phone.international },
  ];
}

interface World {
  people: Person[];
  /** A named source whose contact details the reporter typed into the note. */
  named: Person;
}

const world = fc.record({ people: fc.array(person, { minLength: 1, maxLength: 2 }), named: person });

const CUSTOM: ProfileArg = { base: 'editor', label: 'Custom', fields: { contactDetails: true, evidenceFiles: true } };

/** A library with the demo case, the world's sources, a claim each, and a note that writes them every way. */
function build(w: World) {
  const ctx = tempLibrary();
  const { caseId } = call(ctx, 'demo.load', {});
  const paragraphs: Piece[][] = [];
  const cited: string[] = [];
  for (const p of w.people) {
    const s = call(ctx, 'sources.create', { name: p.name, confidential: true, description: 'a harbour clerk', aliases: p.alias ? [p.alias] : [], contact: { email: p.email, phone: p.phone.international } });
    const pieces = p.forms.map((f) => written(p, f));
    const texts = pieces.filter((x): x is string => typeof x === 'string');
    const claim = call(ctx, 'claims.create', { caseId, statement: `The clerk says cargo moves at night; ${texts.slice(0, 2).join('; ')}.`, sourceIds: [s.id], attribution: p.attribution });
    cited.push(claim.id);
    paragraphs.push(...pieces.map((x) => (Array.isArray(x) ? x : [x])));
  }
  const n = w.named;
  call(ctx, 'sources.create', { name: n.name, contact: { email: n.email, phone: n.phone.international } });
  paragraphs.push(['The harbour office: ', ...[written(n, 'phone national'), ', ', written(n, 'e-mail')].flat(), '.']);
  const content = JSON.parse(noteContent(paragraphs)) as { root: { children: { children: unknown[] }[] } };
  content.root.children[0]!.children.push(...cited.map((claimId) => ({ type: 'claim-citation', version: 1, claimId })));
  const note = call(ctx, 'notes.create', { caseId, title: 'Night shift', content: JSON.stringify(content) });
  return { ctx, caseId, noteId: note.id };
}

async function check(w: World, profiles: ProfileArg[], formats: FormatName[]): Promise<void> {
  const { ctx, caseId, noteId } = build(w);
  const secrets = new Map(profiles.map((p) => [p, librarySecrets(ctx, p)]));
  const exported: Exported[] = [];
  for (const profile of profiles) exported.push(...(await exportViews(ctx, caseId, profile, formats)), ...(await exportViews(ctx, caseId, profile, formats, noteId)));
  const control = [...(await exportViews(ctx, caseId, 'factChecker', ['html'])), ...(await exportViews(ctx, caseId, 'factChecker', ['html'], noteId))];
  for (const profile of profiles) {
    const hits = hitsIn(exported.filter((e) => e.profile === profile), secrets.get(profile)!);
    expect(describeHits(hits), JSON.stringify(profile)).toEqual([]);
  }
  for (const p of w.people) expect(hitsIn(control, secretsOfPerson(p)).length, p.name).toBeGreaterThan(0);
  expect(hitsIn(control, [{ kind: 'phone', value: w.named.phone.international }]).length).toBeGreaterThan(0);
}

describe('no packet that withholds a source holds it, however it was written', () => {
  it('the oracle reads every generated form as the source it names', () => {
    fc.assert(
      fc.property(person, (p) => {
        for (const form of FORM_KINDS) {
          // No alias to write; a shared provider's domain names no one.
          if ((form === 'alias' && !p.alias) || (form === 'e-mail domain' && p.email.endsWith('@gmail.com'))) continue;
          const text = [written(p, form)].flat().map((x) => (typeof x === 'string' ? x : 'bold' in x ? x.bold : `${x.text} ${x.url}`)).join('');
          expect(search([{ file: 'form', where: form, text }], secretsOfPerson(p)).length, `${form}: ${text}`).toBeGreaterThan(0);
        }
      }),
      { seed: 14, numRuns: 200 },
    );
  });

  it('text formats, every withholding profile, case and note', async () => {
    await fc.assert(
      fc.asyncProperty(world, (w) => check(w, ['editor', 'lawyer', CUSTOM], FAST_FORMATS)),
      { seed: 14, numRuns: 12, endOnFailure: true },
    );
  }, 120_000);

  it.skipIf(!hasChromium)('PDF and ZIP, the lawyer, case and note', async () => {
    await fc.assert(
      fc.asyncProperty(world, (w) => check(w, ['lawyer'], ['pdf', 'zip'])),
      { seed: 15, numRuns: 2, endOnFailure: true },
    );
  }, 120_000);
});
