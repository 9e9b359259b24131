// The markdown the README quotes: latency, the floor ratios, index and memory, cold start,
// bulk insert, and the targets at the largest size.

import { KINDS, RAW_ENGINE, type EngineResult, type Recall, type SizeResult } from './types.js';

const OURS = 'search.query (claim)';
const OURS_ALL = 'search.query (all types)';
const RAW = RAW_ENGINE;
const BEFORE = 'before: search.query (claim)';
const BEFORE_ALL = 'before: search.query (all types)';

const num = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const thousands = (n: number) => n.toLocaleString('en-US');
const pct = (r: Recall, n: number = r.found) => (r.of ? `${Math.round((100 * n) / r.of)}% (${n}/${r.of})` : '—');
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '—');

function table(header: string[], rows: string[][], align: string[]): string {
  return [`| ${header.join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

const byName = (s: SizeResult, name: string): EngineResult | undefined => s.engines.find((e) => e.engine === name);

function latency(sizes: SizeResult[]): string {
  const rows = sizes.flatMap((s) =>
    s.engines.map((e) => [
      thousands(s.claims),
      e.engine,
      String(e.allKinds.runs / KINDS.length),
      ...KINDS.map((k) => `${num(e.queries[k].medianMs)} / ${num(e.queries[k].p95Ms)}`),
      `${num(e.allKinds.medianMs)} / **${num(e.allKinds.p95Ms)}**`,
    ]),
  );
  return table(['claims', 'engine', 'queries of each kind', ...KINDS, 'all kinds'], rows, ['---:', '---', '---:', ...KINDS.map(() => '---:'), '---:']);
}

function floor(sizes: SizeResult[]): string {
  const rows: string[][] = [];
  for (const s of sizes) {
    const [raw, ours, all, before, beforeAll] = [byName(s, RAW), byName(s, OURS), byName(s, OURS_ALL), byName(s, BEFORE), byName(s, BEFORE_ALL)];
    if (!raw || !ours) continue;
    for (const kind of [...KINDS, 'all but typo', 'all kinds'] as const) {
      const p95 = (e: EngineResult) => (kind === 'all kinds' ? e.allKinds : kind === 'all but typo' ? e.allButTypo : e.queries[kind]).p95Ms;
      const beside = (e: EngineResult | undefined) => (e ? [num(p95(e)), ratio(p95(e), p95(raw))] : ['—', '—']);
      rows.push([thousands(s.claims), kind, num(p95(raw)), ...beside(ours), ...beside(before), ...beside(all), ...beside(beforeAll)]);
    }
  }
  return table(
    ['claims', 'query', 'raw FTS5 p95', `${OURS} p95`, 'ratio to raw', `${BEFORE} p95`, 'ratio to raw', `${OURS_ALL} p95`, 'ratio to raw', `${BEFORE_ALL} p95`, 'ratio to raw'],
    rows,
    ['---:', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:'],
  );
}

function paths(sizes: SizeResult[]): string {
  const rows = sizes.flatMap((s) =>
    (s.paths ?? []).map((p) => [thousands(s.claims), p.path, p.asks, String(p.ours.runs), `${num(p.ours.medianMs)} / **${num(p.ours.p95Ms)}**`, p.before ? `${num(p.before.medianMs)} / ${num(p.before.p95Ms)}` : '—', p.before ? ratio(p.ours.p95Ms, p.before.p95Ms) : '—']),
  );
  return rows.length ? table(['claims', 'path', 'each step asks', 'steps timed', 'ours median / p95', 'before median / p95', 'p95 ratio'], rows, ['---:', '---', '---', '---:', '---:', '---:', '---:']) : '';
}

function engines(sizes: SizeResult[]): string {
  const rows = sizes.flatMap((s) =>
    s.engines.map((e) => [
      thousands(s.claims),
      e.engine,
      e.build ? num(e.build.ms) : `— (FTS5 index in the file: ${s.ftsClaimIndexMb} MB)`,
      e.build ? `${num(e.build.memory.heapMb)} / ${num(e.build.memory.rssMb)}` : '—',
      pct(e.typo) + (e.typo.suggested ? `, ${e.typo.suggested} suggested` : ''),
      pct(e.typo, e.typo.inResults ?? 0),
      e.cold ? `${num(e.cold.openToAnswerMs)}${e.cold.rebuildMs ? ` (rebuild ${num(e.cold.rebuildMs)})` : ''}` : '',
      e.cold ? num(e.cold.sinceProcessStartMs) : '',
      e.coldUncached ? num(e.coldUncached.openToAnswerMs) : '',
      e.cold ? String(e.cold.rssMb) : '',
    ]),
  );
  return table(
    ['claims', 'engine', 'index build ms', 'heap / RSS kept, MB', 'typo: intended claim in top 10', 'typo: among the results (first 50)', 'cold: open → first answer, ms', 'cold: process start → first answer, ms', 'cold, file out of the OS cache: open → first answer, ms', 'RSS of a process that answered one query, MB'],
    rows,
    ['---:', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:'],
  );
}

function bulk(sizes: SizeResult[]): string {
  const rows = sizes.map((s) => [thousands(s.claims), thousands(s.documents), `${(s.generate.ms / 1000).toFixed(1)}${s.generate.cached ? ' (an earlier run; cached)' : ''}`, thousands(s.generate.claimsPerSec), String(s.generate.fileMb)]);
  return table(['claims', 'documents (2–20 KB)', 'generateLibrary s', 'claims/s', 'file MB'], rows, ['---:', '---:', '---:', '---:', '---:']);
}

function targets(s: SizeResult): string {
  const [raw, ours, all] = [byName(s, RAW), byName(s, OURS), byName(s, OURS_ALL)];
  if (!raw || !ours) return '';
  const share = (n: number) => (ours.typo.of ? n / ours.typo.of : 0);
  const mark = (ok: boolean) => (ok ? 'met' : '**not met**');
  const worst = KINDS.map((k) => ({ k, p95: ours.queries[k].p95Ms })).sort((a, b) => b.p95 - a.p95)[0]!;
  const lines = [
    ...(s.paths ?? []).map((p) => `- ${p.path}: p95 ${num(p.ours.p95Ms)} ms: < 50 ms ${mark(p.ours.p95Ms < 50)}.`),
    `- search.query (claims) p95 per kind: ${KINDS.map((k) => `${k} ${num(ours.queries[k].p95Ms)}`).join(', ')} ms; the slowest (${worst.k}) < 25 ms ${mark(worst.p95 < 25)}. All kinds pooled ${num(ours.allKinds.p95Ms)} ms, ${(ours.allKinds.p95Ms / raw.allKinds.p95Ms).toFixed(2)}× raw FTS5 (${num(raw.allKinds.p95Ms)} ms).`,
    ...(all ? [`- search.query (all types) p95 over all kinds: ${num(all.allKinds.p95Ms)} ms: < 50 ms ${mark(all.allKinds.p95Ms < 50)}.`] : []),
    `- typo queries finding the intended claim in the first 50: ${pct(ours.typo, ours.typo.inResults)}: ≥ 95% ${mark(share(ours.typo.inResults) >= 0.95)}; in the top 10: ${pct(ours.typo)}: ≥ 85% ${mark(share(ours.typo.found) >= 0.85)} (ceilings, raw FTS5 asked the word spelt right: ${pct(s.typoCeiling, s.typoCeiling.inResults)} and ${pct(s.typoCeiling)}).`,
  ];
  if (ours.cold) lines.push(`- cold start after a clean close, open → first answer: ${num(ours.cold.openToAnswerMs)} ms (process start → first answer ${num(ours.cold.sinceProcessStartMs)} ms, of which loading modules ${num(ours.cold.importMs)} ms). After an unclean shutdown, or once a day, the check at open adds SQLite's quick_check: ${num(s.quickCheckMs)} ms.`);
  if (ours.coldUncached) lines.push(`- cold start with the library out of the OS cache: ${num(ours.coldUncached.openToAnswerMs)} ms: < 150 ms ${mark(ours.coldUncached.openToAnswerMs < 150)}; the process that answered holds ${ours.coldUncached.rssMb} MB: < 200 MB ${mark(ours.coldUncached.rssMb < 200)}.`);
  return lines.join('\n');
}

function notes(sizes: SizeResult[]): string {
  const seen = new Map<string, string>();
  for (const e of sizes.flatMap((s) => s.engines)) if (e.note) seen.set(e.engine, e.note);
  const capped = sizes.flatMap((s) => s.engines.filter((e) => e.allKinds.runs < Math.max(...s.engines.map((x) => x.allKinds.runs))).map((e) => `${e.engine} at ${thousands(s.claims)}: ${e.allKinds.runs / KINDS.length}`));
  return [
    ...[...seen].map(([engine, note]) => `- ${engine}: ${note}.`),
    capped.length ? `- Fewer timed queries (too slow for 200 of each kind): ${capped.join('; ')}.` : '',
    `- Queries come from the library's own claims (seeded): one word and two words from one claim (stopwords left out), two adjacent words as a "phrase", the first 3–5 letters of a word as prefix*, and for typos the rarest words of 6+ letters misspelt as people do, a fifth each: a slip in the last four letters (two swapped, one dropped or doubled: the endings the stemmer strips), two neighbouring letters swapped, one dropped, a doubled letter made single (or one doubled), one vowel for another (the intended claim is one that holds the word; median number of claims holding it: ${sizes.map((s) => `${s.typoWordMedianClaims} at ${thousands(s.claims)}`).join(', ')}).`,
    '- All engines live in one process and are timed interleaved: query by query, each engine in turn (a different one first each time), after a warm-up on 20 other queries of each kind. Latency is per call; the JavaScript libraries return ids only (no snippet, no highlight), search.query returns titles and marked snippets.',
    '- Heap / RSS kept: process.memoryUsage() after building minus before, with a garbage collection before each reading (node --expose-gc). RSS deltas in a long-lived process are rough.',
    '- Cold start: the median of fresh `node` processes (3 for the in-memory engines at 100k, otherwise 5); the library file is in the OS file cache (it was just written). For MiniSearch and FlexSearch it includes reading every claim from SQLite and rebuilding the index, as they must at every launch.',
    '- Bulk insert: generateLibrary, one transaction, FTS5 triggers on; it also writes the documents (1/10 as many as claims) and their full-text index.',
  ]
    .filter(Boolean)
    .join('\n');
}

export interface Machine {
  node: string;
  platform: string;
  cpu: string;
  cores: number;
  /** One-minute load average when the run began and when it ended. */
  loadAverage: number[];
}

export function markdown(sizes: SizeResult[], machine: Machine): string {
  const last = sizes[sizes.length - 1];
  return [
    `Node ${machine.node}, ${machine.platform}, ${machine.cores} × ${machine.cpu}; load average ${machine.loadAverage.join(' → ')} (other work on the machine: compare rows of one run, not runs).`,
    '### Search: query latency, ms (median / p95)',
    latency(sizes),
    '### search.query against plain FTS5 and the build before (p95, ms)',
    floor(sizes),
    '### Claims list, quick switcher, mentions (ms, through the dispatcher)',
    paths(sizes),
    '### Index, memory, typo recall, cold start',
    engines(sizes),
    '### Bulk insert',
    bulk(sizes),
    ...sizes.filter((s) => s.claims >= 100_000 || s === last).map((s) => `### Targets at ${thousands(s.claims)} claims\n${targets(s)}`),
    '### How it was measured',
    notes(sizes),
  ]
    .filter(Boolean)
    .join('\n\n');
}
