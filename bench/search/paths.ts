// The other paths a keystroke takes at scale, timed through the dispatcher as the renderer asks
// them (the same inputs): the claims list (first page, a status filter, a word typed in its
// filter, reading on deep in the list), the quick switcher (find.quick as a word is typed letter
// by letter), and the editor's mentions ("@" sources, "#" claims and documents plus passages:
// renderer/src/editor/cite/suggest.ts). With BENCH_PREVIOUS, the earlier build answers the same
// inputs on its own connection, interleaved, in the same run.

import type { Context } from '../../core/context.js';
import { dispatch } from '../../core/dispatcher.js';
import { elapsedMs, stats, type Stats } from './measure.js';
import type { Previous } from './engines/previous.js';

export interface PathResult {
  path: string;
  /** What one timed call asks. */
  asks: string;
  ours: Stats;
  before?: Stats;
}

type Ask = { name: string; input: unknown; before?: { name: string; input: unknown } }[];

interface Path {
  path: string;
  asks: string;
  /** The calls of each timed step (one keystroke, one page). */
  steps: Ask[];
}

/** Every prefix of the word, as it is typed letter by letter. */
const typed = (word: string): string[] => Array.from({ length: word.length }, (_, i) => word.slice(0, i + 1));

function paths(ctx: Context, caseId: string, words: readonly string[], surnames: readonly string[]): Path[] {
  const deep = Math.floor((ctx.db.prepare('SELECT count(*) FROM claims WHERE case_id = ? AND deleted_at IS NULL').pluck().get(caseId) as number) / 2);
  // The claim just before the middle of the list: reading on from it, as scrolling does.
  const middle = dispatch(ctx, 'claims.list', { caseId, offset: deep - 1, limit: 1 });
  const after = middle.ok ? (middle.value as { items: { id: string }[] }).items[0]?.id : undefined;
  const list = (input: Record<string, unknown>) => ({ name: 'claims.list', input: { caseId, limit: 200, ...input } });
  const keystrokes = (ws: readonly string[]) => ws.flatMap(typed);
  const prefixed = (q: string) => (q.length >= 2 ? `${q}*` : q);
  return [
    { path: 'claims list: first page', asks: 'claims.list, 200 claims', steps: [[list({})]] },
    { path: 'claims list: a status', asks: 'claims.list status: verified', steps: [[list({ status: ['verified'] })]] },
    { path: 'claims list: a word typed in the filter', asks: 'claims.list query: a word, whole', steps: words.map((w) => [list({ query: w })]) },
    {
      path: 'claims list: reading on at the middle',
      asks: 'ours: after the claim before (keyset); before: offset',
      steps: after ? [[{ ...list({ after }), before: list({ offset: deep }) }]] : [],
    },
    { path: 'quick switcher, per keystroke', asks: 'find.quick, all kinds, as each word is typed', steps: keystrokes(words).map((q) => [{ name: 'find.quick', input: { query: q, caseId, limit: 20 } }]) },
    { path: 'mentions "@", per keystroke', asks: 'find.quick sources, limit 8', steps: keystrokes(surnames).map((q) => [{ name: 'find.quick', input: { query: q, caseId, types: ['source'], limit: 8 } }]) },
    {
      path: 'mentions "#", per keystroke',
      asks: 'find.quick claims + documents, limit 10, and search.query passages, limit 4',
      steps: keystrokes(words).map((q) => [
        { name: 'find.quick', input: { query: q, caseId, types: ['claim', 'document'], limit: 10 } },
        { name: 'search.query', input: { query: prefixed(q), caseId, types: ['excerpt'], limit: 4 } },
      ]),
    },
  ];
}

function run(call: (name: string, input: unknown) => void, step: Ask, before: boolean): number {
  return elapsedMs(() => {
    for (const a of step) {
      const { name, input } = before && a.before ? a.before : a;
      call(name, input);
    }
  }).ms;
}

/** p50/p95 of each path's steps, ours and (with an earlier build) theirs, interleaved step by step. */
export function benchPaths(ctx: Context, opts: { caseId: string; words: readonly string[]; surnames: readonly string[]; previous: Previous | null; repeat: number }): PathResult[] {
  const ours = (name: string, input: unknown) => {
    const res = dispatch(ctx, name as 'find.quick', input as never);
    if (!res.ok) throw new Error(`${name} ${JSON.stringify(input)}: ${res.error.message}`);
  };
  const theirsCtx = opts.previous?.open(ctx.libraryPath);
  const theirs = (name: string, input: unknown) => {
    const res = opts.previous!.dispatch(theirsCtx!, name, input);
    if (!res.ok) throw new Error(`earlier ${name} ${JSON.stringify(input)}: ${res.error.message}`);
  };
  return paths(ctx, opts.caseId, opts.words, opts.surnames)
    .filter((p) => p.steps.length)
    .map((p) => {
      const mine: number[] = [];
      const before: number[] = [];
      // One untimed round warms both (the name indexes are built on the first ask after a change).
      for (const step of p.steps) {
        run(ours, step, false);
        if (theirsCtx) run(theirs, step, true);
      }
      for (let r = 0; r < opts.repeat; r++) {
        p.steps.forEach((step, i) => {
          const first = (i + r) % 2 === 0;
          if (first) mine.push(run(ours, step, false));
          if (theirsCtx) before.push(run(theirs, step, true));
          if (!first) mine.push(run(ours, step, false));
        });
      }
      console.log(`  ${p.path}: p95 ${stats(mine).p95Ms} ms${before.length ? ` (before: ${stats(before).p95Ms} ms)` : ''}`);
      return { path: p.path, asks: p.asks, ours: stats(mine), ...(before.length ? { before: stats(before) } : {}) };
    });
}
