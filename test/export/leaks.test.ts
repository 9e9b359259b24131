// Each leak the issue reported, as its own case: one source per leak class (so a hit names its
// class), written into the demo case the way a reporter would write it, exported under every
// profile that withholds identities or contact details, in every format, for the whole case and
// for one note, and read back by the oracle. The fact-checker packet of the same library must
// show each of them, so the oracle is known to be able to find them.

import { beforeAll, describe, expect, it } from 'vitest';
import { call, tempLibrary } from '../helpers.js';
import { ALL_FORMATS, exportViews, FAST_FORMATS, hitsIn, librarySecrets, noteContent, type Exported, type Piece, type ProfileArg } from './adversary.js';
import { describeHits, type Secret } from './oracle.js';

interface LeakClass {
  title: string;
  source: { name: string; kind?: 'person' | 'organisation'; confidential: boolean; aliases?: string[]; contact: Record<string, string> };
  /** The terms of the source's one claim: off the record keeps it (and its source) out of every built-in packet. */
  attribution: 'on_record' | 'background' | 'off_record';
  /** What the reporter wrote in the note about this source. */
  note: Piece[][];
  /** Only the note-scoped packet shows the leak (the case packet holds the source, so it was redacted). */
  noteScopeOnly?: boolean;
}

const CLASSES: LeakClass[] = [
  {
    title: 'a name part typed in lower case',
    source: { name: 'Ottoline Brackwater', confidential: true, contact: {} },
    attribution: 'background',
    note: [['We met brackwater at the dock; ottoline was late.']],
  },
  {
    title: 'a name inside a note link’s URL (HTML href, PDF link annotation, Markdown link)',
    source: { name: 'Zebulon Quixotic', confidential: true, contact: {} },
    attribution: 'background',
    note: [['His public profile: ', { url: 'https://social.example/zebulon.quixotic', text: 'the profile page' }, '.']],
  },
  {
    title: 'a phone number written another way',
    source: { name: 'Marisol Ferreira', confidential: true, contact: { phone: '+1 555 0199' } },
    attribution: 'background',
    note: [['Call her on (555) 0199, or 15550199 from abroad.']],
  },
  {
    title: 'the contact details of a confidential source heard only off the record',
    source: { name: 'Wendeline Arbogast', confidential: true, contact: { email: 'w.arbogast@arbogast-family.net', phone: '+44 20 7946 0958' } },
    attribution: 'off_record',
    note: [['Wrote to w.arbogast@arbogast-family.net; her landline is +44 20 7946 0958.']],
  },
  {
    title: 'the contact details of a source outside a note-scoped packet',
    source: { name: 'Harbour Pilots Association', kind: 'organisation', confidential: false, contact: { phone: '+52 314 555 0177', email: 'night.dispatch@harbour-pilots.mx' } },
    attribution: 'on_record',
    note: [['The pilots’ night desk: +52 314 555 0177, night.dispatch@harbour-pilots.mx.']],
    noteScopeOnly: true,
  },
  {
    title: 'a handle or profile address from the contact details, written without its @ or scheme',
    source: { name: 'Perpetua Vandersloot', confidential: true, contact: { other: 'Signal @pvdsloot; https://x.com/pvdsloot_real' } },
    attribution: 'background',
    note: [['Her channel is pvdsloot on Signal, posting as x.com/pvdsloot_real (pvdsloot_real).']],
  },
  {
    title: 'a name with its diacritics dropped, split by invisible characters, encoded or run together',
    source: { name: 'Ximena Solórzano', confidential: true, contact: {} },
    attribution: 'background',
    note: [
      ['Ximena Solorzano confirmed; so did SOL\u200BÓRZANO and Xim\u00ADena.'],
      ['Filed under ximenasolorzano, see ', { url: 'https://search.example/?who=Ximena%20Sol%C3%B3rzano', text: 'the search' }, ' and &#88;imena.'],
    ],
  },
];

const WITHHOLDING: ProfileArg[] = ['editor', 'lawyer', { base: 'lawyer', label: 'Lawyer with contacts', fields: { contactDetails: true } }];

const exported: Exported[] = [];
let control: Exported[] = [];
/** What each profile withholds of each class's source (read before the helpers close the library after the first test). */
const secrets = new Map<string, Secret[]>();
const key = (c: LeakClass, profile: ProfileArg) => `${c.source.name}|${JSON.stringify(profile)}`;

beforeAll(async () => {
  const ctx = tempLibrary();
  const { caseId } = call(ctx, 'demo.load', {});
  for (const c of CLASSES) {
    const s = call(ctx, 'sources.create', { kind: 'person', ...c.source });
    call(ctx, 'claims.create', { caseId, statement: `Cargo cleared twice in one night, per ${c.source.confidential ? 'a source' : c.source.name}.`, sourceIds: [s.id], attribution: c.attribution });
  }
  const note = call(ctx, 'notes.create', { caseId, title: 'Leads', content: noteContent(CLASSES.flatMap((c) => c.note)) });
  for (const profile of WITHHOLDING) {
    // The Chromium formats for the built-in profiles: the custom one differs from lawyer only in fields.
    const formats = typeof profile === 'string' ? ALL_FORMATS : FAST_FORMATS;
    exported.push(...(await exportViews(ctx, caseId, profile, formats)), ...(await exportViews(ctx, caseId, profile, formats, note.id)));
  }
  for (const c of CLASSES) for (const profile of [...WITHHOLDING, 'lawyer' as const]) secrets.set(key(c, profile), librarySecrets(ctx, profile, (name) => name === c.source.name));
  control = [...(await exportViews(ctx, caseId, 'factChecker', FAST_FORMATS)), ...(await exportViews(ctx, caseId, 'factChecker', FAST_FORMATS, note.id))];
}, 180_000);

describe.each(CLASSES)('$title', (c) => {
  it('is in no file of any packet that withholds it', () => {
    const hits = WITHHOLDING.flatMap((profile) =>
      hitsIn(
        exported.filter((e) => e.profile === profile),
        secrets.get(key(c, profile))!,
      ),
    );
    expect(describeHits(hits)).toEqual([]);
  });

  it('is in the fact-checker packet (so the oracle can find it)', () => {
    const all = secrets.get(key(c, 'lawyer'))!;
    expect(all.length).toBeGreaterThan(0);
    const scoped = control.filter((e) => !c.noteScopeOnly || e.scope === 'note');
    expect(hitsIn(scoped, all).length).toBeGreaterThan(0);
  });
});
