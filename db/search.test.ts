import { describe, expect, it } from 'vitest';
import type { Context } from '../core/context.js';
import { call, callError, tempLibrary } from '../test/helpers.js';
import fc from 'fast-check';
import { HIGHLIGHT_END, HIGHLIGHT_START, LONG_TEXT, PREFIX_WINDOW, parseQuery, search, toMatchExpression, type SearchHit } from './search.js';

// The only shapes the parser may produce: quoted terms joined by AND, OR-groups in parentheses,
// and excluded terms after NOT.
const TERM = String.raw`"[\p{L}\p{M}\p{N} ]+"\*?`;
const GROUP = `(?:${TERM}|\\(${TERM}(?: OR ${TERM})+\\))`;
const POSITIVE = `${GROUP}(?: AND ${GROUP})*`;
const SAFE_EXPRESSION = new RegExp(`^(?:${POSITIVE}|\\(${POSITIVE}\\) NOT ${TERM}(?: NOT ${TERM})*)$`, 'u');

const NASTY = [
  '"',
  '""',
  '"""',
  '"unbalanced',
  'unbalanced"',
  'a "b c',
  '"a" "b',
  'NEAR(a b)',
  'NEAR(a b, 2)',
  'col:x',
  'statement:fentanyl',
  '{statement quote}: x',
  '*',
  '**',
  'a*b*',
  '(',
  ')',
  '(a OR b',
  'a) AND (b',
  'a OR',
  'OR a',
  'AND',
  'OR',
  'NOT',
  'a NOT b',
  '-x',
  '--',
  '+x',
  '^x',
  'a:b:c',
  ':',
  "'; DROP TABLE claims; --",
  "' OR 1=1 --",
  '\\',
  '\\"',
  '',
  ' ',
  '\t\n\r',
  '\u0000',
  'a\u0000b',
  '\u0002highlight\u0003',
  '\u200b\u200d\ufeff',
  '🦊🚢 fentanyl 👩🏽‍⚖️',
  '🏴‍☠️',
  'Ελληνικά кириллица 中文 العربية עברית',
  'Solı́s', // dotless i with a combining acute
  '\ud800', // a lone surrogate
  'x'.repeat(10_000),
  'fentanyl '.repeat(1_100),
  '"'.repeat(10_000),
  '('.repeat(5_000) + ')'.repeat(5_000),
  'a OR b AND c NOT d NEAR e',
  Array.from({ length: 200 }, (_, i) => `w${i}`).join(' '),
];

/** A small deterministic generator, so a failure can be reproduced. */
function* randomInputs(count: number, seed = 42): Generator<string> {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff), s);
  const atoms = ['"', '(', ')', '*', ':', '-', '+', '^', ' ', 'NEAR', 'AND', 'OR', 'NOT', 'fentanyl', 'port', 'é', '\u0301', '🦊', '\u0000', '{', '}', ',', '.', 'x', '1'];
  for (let i = 0; i < count; i++) {
    const len = next() % 20;
    let out = '';
    for (let j = 0; j < len; j++) out += atoms[next() % atoms.length];
    yield out;
  }
}

interface World {
  ctx: Context;
  caseA: string;
  caseB: string;
}

/** Two cases, each with a claim, a document with an excerpt and a note that share words. */
function world(): World {
  const ctx = tempLibrary();
  const caseA = call(ctx, 'cases.create', { title: 'Case A' }).id;
  const caseB = call(ctx, 'cases.create', { title: 'Case B' }).id;
  for (const [caseId, tag] of [
    [caseA, 'alpha'],
    [caseB, 'bravo'],
  ] as const) {
    call(ctx, 'claims.create', { caseId, statement: `Fentanyl precursors shipped through the port (${tag})` });
    const doc = call(ctx, 'documents.create', {
      caseId,
      title: `Fentanyl customs report ${tag}`,
      text: `Inspectors found fentanyl precursors at the port of Manzanillo. ${tag}`,
    });
    call(ctx, 'excerpts.create', { documentId: doc.id, exact: 'fentanyl precursors at the port' });
    call(ctx, 'notes.create', { caseId, title: `Draft ${tag}`, text: `The fentanyl trade runs through the port. ${tag}` });
  }
  call(ctx, 'sources.create', { name: 'Fentanyl Watch', role: 'port monitor' });
  return { ctx, caseA, caseB };
}

describe('toMatchExpression', () => {
  it('never lets raw FTS5 syntax through (fixed list of hostile inputs)', () => {
    for (const input of NASTY) {
      const match = toMatchExpression(input);
      if (match !== null) expect(match, JSON.stringify(input.slice(0, 40))).toMatch(SAFE_EXPRESSION);
    }
  });

  it('never lets raw FTS5 syntax through (2,000 generated inputs)', () => {
    for (const input of randomInputs(2_000)) {
      const match = toMatchExpression(input);
      if (match !== null) expect(match, JSON.stringify(input)).toMatch(SAFE_EXPRESSION);
    }
  });

  it('quotes each word, keeps phrases and prefixes, and reads the operators a reporter can guess', () => {
    expect(toMatchExpression('fentanyl port')).toBe('"fentanyl" AND "port"');
    expect(toMatchExpression('"port of Manzanillo" customs')).toBe('"port of Manzanillo" AND "customs"');
    expect(toMatchExpression('ship*')).toBe('"ship"*');
    expect(toMatchExpression('china OR mexico cartel')).toBe('("china" OR "mexico") AND "cartel"');
    expect(toMatchExpression('cartel -sinaloa -"new generation"')).toBe('("cartel") NOT "sinaloa" NOT "new generation"');
    // FTS5's own syntax is only text: words run together by punctuation stand together, as a phrase.
    expect(toMatchExpression('NEAR(a b)')).toBe('"NEAR a" AND "b"');
    expect(toMatchExpression('statement:fentanyl')).toBe('"statement fentanyl"');
    expect(toMatchExpression('Felbab-Brown')).toBe('"Felbab Brown"');
    expect(toMatchExpression('x AND y')).toBe('"x" AND "AND" AND "y"');
    expect(toMatchExpression('-x')).toBeNull(); // nothing to exclude from
    expect(toMatchExpression('OR x')).toBe('"x"');
    expect(toMatchExpression('"unbalanced')).toBe('"unbalanced"');
  });

  it('takes field filters out of the words', () => {
    expect(parseQuery('source:pardo status:disputed status:false type:claim before:2021-06 after:2019 case:"Pipeline" tag:china water')).toEqual({
      match: '"water"',
      filters: { source: ['pardo'], status: ['disputed', 'false'], type: ['claim'], before: ['2021-06'], after: ['2019'], case: ['Pipeline'], tag: ['china'] },
      words: ['water'],
    });
  });

  it('returns null when nothing searchable is left', () => {
    for (const input of ['', ' ', '"', '()', '*', '-', ':', '🦊', '\u0000', '"""']) expect(toMatchExpression(input), JSON.stringify(input)).toBeNull();
  });

  it('bounds the expression however long the input', () => {
    const match = toMatchExpression(Array.from({ length: 5_000 }, (_, i) => `w${i}`).join(' '))!;
    expect(match.split(' AND ').length).toBeLessThanOrEqual(64);
    expect(toMatchExpression('x'.repeat(100_000))!.length).toBeLessThanOrEqual(2_002);
  });

  it('keeps a word with combining marks whole (decomposed accents, Indic scripts)', () => {
    expect(toMatchExpression('Solís'.normalize('NFD'))).toBe(`"${'Solís'.normalize('NFD')}"`);
    expect(toMatchExpression('हिन्दी')).toBe('"हिन्दी"');
  });
});

describe('search', () => {
  it('runs every hostile input against a real library without throwing', () => {
    const { ctx, caseA } = world();
    for (const query of [...NASTY, ...randomInputs(300)]) {
      for (const caseId of [undefined, caseA]) {
        const res = search(ctx.db, { query, caseId, limit: 20 });
        expect(Array.isArray(res.hits)).toBe(true);
      }
    }
  });

  it('runs hostile input through the search.query method too, and refuses a query over 10,000 characters', () => {
    const { ctx } = world();
    for (const query of NASTY) expect(call(ctx, 'search.query', { query }).hits).toBeInstanceOf(Array);
    expect(callError(ctx, 'search.query', { query: 'x'.repeat(10_001) }).code).toBe('BAD_INPUT');
  });

  it('shows no control character of a record in a snippet or title, and only its real matches marked', () => {
    const { ctx } = world();
    const caseId = call(ctx, 'cases.create', { title: 'Controls' }).id;
    // Every C0 and C1 control, DEL, and the bidi controls, between the words; a planted pair of
    // the highlight marks around a word that is not searched for.
    const controls = [...Array.from({ length: 32 }, (_, i) => i), ...Array.from({ length: 33 }, (_, i) => 0x7f + i), 0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x2028, 0x2029].map((c) => String.fromCharCode(c));
    const planted = `Fentanyl precursors ${HIGHLIGHT_START}planted${HIGHLIGHT_END} shipped \u202etnemom\u202c via Manzanillo ${controls.join(' ')} port \u001b[31mred`;
    call(ctx, 'claims.create', { caseId, statement: planted });
    call(ctx, 'documents.create', { caseId, title: `Shipping ${controls.join('')}manifest`, text: `${'filler words here. '.repeat(LONG_TEXT / 19 + 10)} ${planted}` });
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
    for (const [query, typing] of [['fentanyl', false], ['manzanil', true], ['manifest', false]] as const) {
      const { hits } = search(ctx.db, { query, caseId, limit: 10, typing });
      expect(hits.length, query).toBeGreaterThan(0);
      for (const h of hits) {
        expect(CONTROL.test(h.title), `${query}: ${JSON.stringify(h.title)}`).toBe(false);
        const marked = [...h.snippet.matchAll(new RegExp(`${HIGHLIGHT_START}([^${HIGHLIGHT_START}${HIGHLIGHT_END}]*)${HIGHLIGHT_END}`, 'g'))].map((m) => m[1]!.toLowerCase());
        expect(marked.length, `${query}: ${JSON.stringify(h.snippet)}`).toBeGreaterThan(0);
        for (const word of marked) expect(word.startsWith(query.slice(0, 5)), `${query}: ${word}`).toBe(true);
        expect(CONTROL.test(h.snippet.replaceAll(HIGHLIGHT_START, '').replaceAll(HIGHLIGHT_END, '')), `${query}: ${JSON.stringify(h.snippet)}`).toBe(false);
      }
    }
    // Quick find (the switcher, the pickers) shows titles the same way.
    for (const f of call(ctx, 'find.quick', { query: 'shipping', caseId })) expect(CONTROL.test(f.title + f.subtitle), JSON.stringify(f)).toBe(false);
    expect(call(ctx, 'find.quick', { query: 'fentanyl', caseId, types: ['claim'] })[0]!.title).toBe('Fentanyl precursors planted shipped tnemom via Manzanillo port [31mred');
  });

  it('finds words typed as FTS5 syntax only as words, and reads OR and - as the reporter means them', () => {
    const { ctx } = world();
    const caseId = call(ctx, 'cases.create', { title: 'Ops' }).id;
    const or = call(ctx, 'claims.create', { caseId, statement: 'Black or white, near the harbour' }).id;
    const ids = (q: string) => search(ctx.db, { query: q, caseId, limit: 10 }).hits.map((h) => h.id);
    expect(ids('black OR white')).toEqual([or]);
    expect(ids('NEAR(the harbour)')).toEqual([or]);
    expect(ids('black:white')).toEqual([]); // not a column filter: the phrase "black white"
    expect(ids('black AND white')).toEqual([]); // "and" is a word the claim does not have
    expect(ids('black OR purple')).toEqual([or]);
    expect(ids('black -purple')).toEqual([or]);
    expect(ids('black -white')).toEqual([]);
    expect(ids('"white, near"')).toEqual([or]);
    expect(ids('"near white"')).toEqual([]);
  });

  it('returns only hits from the case asked for (sources are library-wide)', () => {
    const { ctx, caseA, caseB } = world();
    const all = search(ctx.db, { query: 'fentanyl', limit: 100 }).hits;
    expect(new Set(all.map((h) => h.caseId))).toEqual(new Set([caseA, caseB, null]));
    for (const caseId of [caseA, caseB]) {
      const hits = search(ctx.db, { query: 'fentanyl', caseId, limit: 100 }).hits;
      expect(hits.map((h) => h.type).sort()).toEqual(['claim', 'document', 'excerpt', 'note', 'source']);
      for (const h of hits) expect(h.caseId, `${h.type} ${h.title}`).toBe(h.type === 'source' ? null : caseId);
    }
  });

  it('filters by type and respects the limit', () => {
    const { ctx } = world();
    expect(search(ctx.db, { query: 'fentanyl', types: ['excerpt'], limit: 100 }).hits.map((h) => h.type)).toEqual(['excerpt', 'excerpt']);
    expect(search(ctx.db, { query: 'fentanyl', limit: 3 }).hits).toHaveLength(3);
    const excerptHit = search(ctx.db, { query: 'fentanyl', types: ['excerpt'], limit: 1 }).hits[0]!;
    expect(excerptHit.documentId).toBeTruthy();
  });

  it('ranks best first', () => {
    const { ctx } = world();
    const hits = search(ctx.db, { query: 'fentanyl', limit: 100 }).hits;
    expect(hits.map((h) => h.rank)).toEqual([...hits.map((h) => h.rank)].sort((a, b) => a - b));
  });

  it('does not return trashed records, nor excerpts of a trashed document', () => {
    const { ctx, caseA } = world();
    const types = (): string[] => search(ctx.db, { query: 'fentanyl', caseId: caseA, limit: 100 }).hits.map((h) => h.type).sort();
    const [claim] = call(ctx, 'claims.list', { caseId: caseA }).items;
    call(ctx, 'claims.delete', { id: claim!.id });
    expect(types()).toEqual(['document', 'excerpt', 'note', 'source']);
    const [doc] = call(ctx, 'documents.list', { caseId: caseA });
    call(ctx, 'documents.delete', { id: doc!.id });
    expect(types()).toEqual(['note', 'source']);
    const [note] = call(ctx, 'notes.list', { caseId: caseA });
    call(ctx, 'notes.delete', { id: note!.id });
    const [source] = call(ctx, 'sources.list', {});
    call(ctx, 'sources.delete', { id: source!.id });
    expect(types()).toEqual([]);
  });

  it('does not return anything of a case in the trash', () => {
    const { ctx, caseA, caseB } = world();
    call(ctx, 'cases.delete', { id: caseA });
    const hits = search(ctx.db, { query: 'fentanyl', limit: 100 }).hits;
    expect(hits.filter((h: SearchHit) => h.caseId === caseA)).toEqual([]);
    expect(hits.filter((h) => h.caseId === caseB)).toHaveLength(4);
    expect(search(ctx.db, { query: 'fentanyl', caseId: caseA, types: ['claim', 'document', 'excerpt', 'note'], limit: 100 }).hits).toEqual([]);
    call(ctx, 'trash.restore', { entity: 'case', id: caseA });
    expect(search(ctx.db, { query: 'fentanyl', caseId: caseA, limit: 100 }).hits).toHaveLength(5);
  });

  it('marks the matched words in snippets', () => {
    const { ctx } = world();
    const hits = search(ctx.db, { query: 'manzanillo', limit: 100 }).hits;
    expect(hits.length).toBeGreaterThanOrEqual(2);
    for (const h of hits) expect(h.snippet).toContain(`${HIGHLIGHT_START}Manzanillo${HIGHLIGHT_END}`);
    const stemmed = search(ctx.db, { query: 'inspector', types: ['document'], limit: 5 }).hits[0]!;
    expect(stemmed.snippet).toContain(`${HIGHLIGHT_START}Inspectors${HIGHLIGHT_END}`);
  });

  it('matches prefixes and phrases', () => {
    const { ctx } = world();
    expect(search(ctx.db, { query: 'manzan*', types: ['document'], limit: 10 }).hits).toHaveLength(2);
    expect(search(ctx.db, { query: 'manzan', types: ['document'], limit: 10 }).hits).toHaveLength(0);
    expect(search(ctx.db, { query: '"port of Manzanillo"', types: ['document'], limit: 10 }).hits).toHaveLength(2);
    expect(search(ctx.db, { query: '"Manzanillo port"', types: ['document'], limit: 10 }).hits).toHaveLength(0);
  });

  it('finds words typed with decomposed accents or in Indic scripts', () => {
    const { ctx, caseA } = world();
    const solis = call(ctx, 'sources.create', { name: 'Rafael Entrena Solís' }).id;
    expect(search(ctx.db, { query: 'Solís'.normalize('NFD'), types: ['source'], limit: 5 }).hits.map((h) => h.id)).toEqual([solis]);
    const hindi = call(ctx, 'claims.create', { caseId: caseA, statement: 'हिन्दी समाचार पत्र ने लिखा' }).id;
    expect(search(ctx.db, { query: 'समाचार', types: ['claim'], limit: 5 }).hits.map((h) => h.id)).toEqual([hindi]);
  });
});

describe('spelling', () => {
  const hits = (ctx: Context, query: string) => search(ctx.db, { query, types: ['claim'], limit: 10 });

  it('compares a misspelt word with the words as written, so a typo in an ending finds the word', () => {
    const { ctx, caseA } = world();
    const id = call(ctx, 'claims.create', { caseId: caseA, statement: 'Investigators traced the shipments to Lázaro Cárdenas' }).id;
    // "invesitgators" is five edits from the indexed stem "investig"; from the word, one.
    expect(hits(ctx, 'invesitgators').suggestion).toBe('investigators');
    expect(hits(ctx, 'invesitgators').hits.map((h) => h.id)).toContain(id);
    // Typos in endings: Porter strips them, leaving a stem more than two edits from the index's.
    const cases = [
      ['investigatoins', 'The investigations of the port were closed', 'investigations'],
      ['corruptoin', 'Corruption at the customs office went unpunished', 'corruption'],
      ['witneses', 'Three witnesses saw the trucks', 'witnesses'],
      ['prosecuter', 'The prosecutor dropped the charges', 'prosecutor'],
    ] as const;
    for (const [typo, statement, word] of cases) {
      const claim = call(ctx, 'claims.create', { caseId: caseA, statement }).id;
      const res = hits(ctx, typo);
      expect(res.suggestion, typo).toBe(word);
      expect(res.hits.map((h) => h.id), typo).toContain(claim);
    }
  });

  it('puts the records holding the corrected word as written before those holding other forms of it', () => {
    const { ctx, caseA } = world();
    ctx.db.transaction(() => {
      for (let i = 0; i < 60; i++) call(ctx, 'claims.create', { caseId: caseA, statement: i % 2 ? `Witnessed ${i}` : `Witnessing ${i}` });
    })();
    // Long, so bm25 alone ranks it below the sixty short claims that hold other forms.
    const meant = call(ctx, 'claims.create', { caseId: caseA, statement: `The witnesses were heard at length by the prosecutors of the special unit in the port city over several days of hearings` }).id;
    const res = search(ctx.db, { query: 'witneses', types: ['claim'], limit: 10 });
    expect(res.suggestion).toBe('witnesses');
    expect(res.hits[0]!.id).toBe(meant);
    expect(res.hits).toHaveLength(10);
  });

  it('takes corrections only from the indexes the query searches', () => {
    const { ctx, caseA } = world();
    const claim = call(ctx, 'claims.create', { caseId: caseA, statement: 'The ministry denied it' }).id;
    // A word cut off at the end of a document, nearer to the typo than the claim's word is.
    call(ctx, 'documents.create', { caseId: caseA, title: 'Cut short', text: 'A statement of the ministr' });
    const claims = hits(ctx, 'ministyr');
    expect(claims.suggestion).toBe('ministry');
    expect(claims.hits.map((h) => h.id)).toEqual([claim]);
    // A search of documents alone corrects from the documents.
    expect(search(ctx.db, { query: 'ministyr', types: ['document'], limit: 5 }).suggestion).toBe('ministr');
    // type: in the query narrows the indexes the same way.
    expect(search(ctx.db, { query: 'ministyr type:claim', limit: 5 }).suggestion).toBe('ministry type:claim');
  });

  it('weighs how many records hold a word: a common word a little farther is suggested, the nearer rare one still searched', () => {
    const { ctx, caseA } = world();
    const rare = call(ctx, 'claims.create', { caseId: caseA, statement: 'Cargo seized at Marvolia' }).id;
    ctx.db.transaction(() => {
      for (let i = 0; i < 40; i++) call(ctx, 'claims.create', { caseId: caseA, statement: `Marvela shipment ${i}` });
    })();
    // "marvola": an i left out of the rare word (likelier than o typed for e), but the common
    // word is in forty claims.
    const res = search(ctx.db, { query: 'marvola', types: ['claim'], limit: 50 });
    expect(res.suggestion).toBe('marvela');
    expect(res.hits.map((h) => h.id)).toContain(rare);
    expect(res.hits).toHaveLength(41);
  });

  it('prefers the word a slip of the fingers would give: a letter left out over a far-away key', () => {
    const { ctx, caseA } = world();
    const meant = call(ctx, 'claims.create', { caseId: caseA, statement: 'Shipments left from Ratecalmex in March' }).id;
    for (let i = 0; i < 5; i++) call(ctx, 'claims.create', { caseId: caseA, statement: `Ratenamex report number ${i}` });
    // "ratecamex": one edit from both, but an l left out is likelier than c typed for n.
    const res = hits(ctx, 'ratecamex');
    expect(res.suggestion).toBe('ratecalmex');
    expect(res.hits.map((h) => h.id)).toEqual([meant]);
  });

  it('searches every equally likely word, so a rare name is found beside a common one', () => {
    const { ctx, caseA } = world();
    const rare = call(ctx, 'claims.create', { caseId: caseA, statement: 'Shipments left from Ratecalmex in March' }).id;
    for (let i = 0; i < 5; i++) call(ctx, 'claims.create', { caseId: caseA, statement: `Ratecamexo report number ${i}` });
    // "ratecamex": a letter left out of either word.
    const res = hits(ctx, 'ratecamex');
    expect(res.suggestion).toBe('ratecamexo');
    expect(res.hits.map((h) => h.id)).toContain(rare);
    expect(res.hits).toHaveLength(6);
  });

  it('searches a word as written, never a bare stem that Porter would stem again', () => {
    const { ctx, caseA } = world();
    // Indexed as "deathrater"; "deathrater" searched would mean "deathrat" (deathrate, deathrates…).
    const meant = call(ctx, 'claims.create', { caseId: caseA, statement: 'The deathraterate rose' }).id;
    for (let i = 0; i < 3; i++) call(ctx, 'claims.create', { caseId: caseA, statement: `A deathrate of ${i}` });
    const res = hits(ctx, 'dethraterate');
    expect(res.suggestion).toBe('deathraterate');
    expect(res.hits.map((h) => h.id)).toEqual([meant]);
  });

  it('knows a word from the moment it is saved, in any index, once the vocabulary has been read', () => {
    const { ctx, caseA } = world();
    expect(hits(ctx, 'zolpidemx').suggestion).toBeUndefined(); // the vocabulary is read and kept
    const claim = call(ctx, 'claims.create', { caseId: caseA, statement: 'Zolpidemo tablets were seized' }).id;
    expect(hits(ctx, 'zolpidemx').suggestion).toBe('zolpidemo');
    expect(hits(ctx, 'zolpidemx').hits.map((h) => h.id)).toEqual([claim]);
    // A source's new name, while the claims' words are unchanged.
    call(ctx, 'sources.create', { name: 'Quetzalcoatlo Ibarra' });
    expect(search(ctx.db, { query: 'quetzalcoatla', types: ['source'], limit: 5 }).suggestion).toBe('quetzalcoatlo');
    // A word edited away is no longer offered.
    call(ctx, 'claims.update', { id: claim, statement: 'Tablets were seized' });
    expect(hits(ctx, 'zolpidemx').suggestion).toBeUndefined();
  });

  it('leaves a query alone when every word occurs, and gives up on words far from any', () => {
    const { ctx } = world();
    expect(hits(ctx, 'manzanillo').suggestion).toBeUndefined();
    expect(hits(ctx, 'qqqqzzzz').suggestion).toBeUndefined();
    expect(hits(ctx, 'qqqqzzzz').hits).toEqual([]);
  });
});

describe('prefixes matching many records', () => {
  it('rank the newest PREFIX_WINDOW matches, say so, and rank in full when a filter leaves too few', () => {
    const { ctx, caseA } = world();
    const first = call(ctx, 'claims.create', { caseId: caseA, statement: 'Fentanylo oldest of all' }).id;
    call(ctx, 'claims.setStatus', { id: first, revision: 1, status: 'disputed' });
    ctx.db.transaction(() => {
      for (let i = 0; i < PREFIX_WINDOW + 50; i++) call(ctx, 'claims.create', { caseId: caseA, statement: `Fentanylo shipment number ${i}` });
    })();
    const wide = search(ctx.db, { query: 'fentanyl*', types: ['claim'], limit: 20 });
    expect(wide.narrowed).toBe(true);
    expect(wide.hits).toHaveLength(20);
    expect(wide.hits.map((h) => h.id)).not.toContain(first);
    for (const h of wide.hits) expect(h.snippet).toContain(HIGHLIGHT_START);
    // Only the oldest is disputed: outside the window, so the prefix is ranked again in full.
    const filtered = search(ctx.db, { query: 'fentanyl* status:disputed', types: ['claim'], limit: 20 });
    expect(filtered.hits.map((h) => h.id)).toEqual([first]);
    expect(filtered.narrowed).toBeUndefined();
    // A whole word in fewer claims than its own (larger) window is ranked in full.
    expect(search(ctx.db, { query: 'fentanylo', types: ['claim'], limit: 20 }).narrowed).toBeUndefined();
  });
});

describe('snippets of very long documents', () => {
  it('come from the part that matches, marked, for words, phrases and prefixes, and open at the match', () => {
    const { ctx, caseA } = world();
    const filler = Array.from({ length: 60_000 }, (_, i) => (i % 10 === 0 ? 'shipment' : `cargo${i % 997}`)).join(' ');
    const text = `${filler} The inspectors found forty drums of zeolite catalyst at the end. ${filler.slice(0, 20_000)}`;
    expect(text.length).toBeGreaterThan(LONG_TEXT * 4);
    const id = call(ctx, 'documents.create', { caseId: caseA, title: 'Port ledger, full year', text }).id;
    for (const query of ['zeolite', '"zeolite catalyst"', 'zeoli*', 'zeolite drums']) {
      const [hit] = search(ctx.db, { query, types: ['document'], limit: 5 }).hits;
      expect(hit?.id, query).toBe(id);
      expect(hit!.snippet, query).toContain(`${HIGHLIGHT_START}zeolite`);
      expect(hit!.snippet.startsWith('…'), query).toBe(true);
      expect(hit!.snippet.length, query).toBeLessThan(400);
      const word = hit!.snippet.split(HIGHLIGHT_START)[1]!.split(HIGHLIGHT_END)[0]!;
      expect(text.slice(hit!.offset!, hit!.offset! + word.length), query).toBe(word);
      expect(hit!.offset!, query).toBeGreaterThan(filler.length);
    }
    // A word in the title of a long document: the title is the best part.
    const [titled] = search(ctx.db, { query: 'ledger', types: ['document'], limit: 5 }).hits;
    expect(titled!.snippet).toContain(`${HIGHLIGHT_START}ledger${HIGHLIGHT_END}`);
  });
});

describe('ranking in the index before reading records', () => {
  it('gives exactly the order of ranking every match joined to its record, whatever the filters, scope and limit', () => {
    const ctx = tempLibrary();
    const cases = [call(ctx, 'cases.create', { title: 'North' }).id, call(ctx, 'cases.create', { title: 'South' }).id, call(ctx, 'cases.create', { title: 'Gone' }).id];
    const statuses = ['unverified', 'disputed', 'verified'] as const;
    const filler = ['shipments', 'through', 'the', 'port', 'of', 'manzanillo', 'were', 'seized', 'by', 'navy'];
    // Many ties: the same few lengths and counts of "cartel", so bm25 alone cannot order them.
    for (let i = 0; i < 420; i++) {
      const words = Array.from({ length: 4 + (i % 5) }, (_, j) => filler[(i + j) % filler.length]!);
      for (let k = 0; k <= i % 3; k++) words.splice((i * 7 + k) % words.length, 0, i % 4 === 0 ? 'cartels' : 'cartel');
      const { id } = call(ctx, 'claims.create', { caseId: cases[i % 3]!, statement: words.join(' '), status: statuses[i % 3]! });
      if (i % 11 === 0) call(ctx, 'claims.delete', { id });
    }
    call(ctx, 'cases.delete', { id: cases[2]! });
    // Distinct times, so that "newer first among equals" is one order.
    ctx.db.prepare("UPDATE claims SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', '2024-01-01', '+' || ((rowid * 7919) % 100000) || ' seconds')").run();

    // The plain way: every match joined, then sorted.
    const reference = (match: string, status: string | undefined, caseId: string | undefined, limit: number) =>
      (
        ctx.db
          .prepare(`SELECT t.id FROM claims_fts JOIN claims t ON t.rowid = claims_fts.rowid JOIN cases k ON k.id = t.case_id AND k.deleted_at IS NULL
                    WHERE claims_fts MATCH @match AND t.deleted_at IS NULL AND (@caseId IS NULL OR t.case_id = @caseId) AND (@status IS NULL OR t.status = @status)
                    ORDER BY bm25(claims_fts, 2.0, 1.0), t.updated_at DESC LIMIT @limit`)
          .all({ match, status: status ?? null, caseId: caseId ?? null, limit }) as { id: string }[]
      ).map((r) => r.id);

    fc.assert(
      fc.property(
        fc.constantFrom('cartel', 'cartel port', 'cartel navy', 'cartels', 'cart*', '"cartel port"'),
        fc.option(fc.constantFrom(...statuses), { nil: undefined }),
        fc.option(fc.constantFrom(cases[0]!, cases[1]!), { nil: undefined }),
        fc.integer({ min: 1, max: 120 }),
        (text, status, caseId, limit) => {
          const query = status ? `${text} status:${status}` : text;
          const got = search(ctx.db, { query, types: ['claim'], limit, ...(caseId ? { caseId } : {}) });
          expect(got.narrowed).toBeUndefined();
          expect(got.hits.map((h) => h.id)).toEqual(reference(parseQuery(text).match!, status, caseId, limit));
        },
      ),
      { numRuns: 150 },
    );
  });
});
