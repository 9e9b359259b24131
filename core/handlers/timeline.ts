// The timeline of a case: what was said, published, retrieved or happened, each date read as the
// stretch of time it stands for, in order.

import { datedRecords, listSources, undatedClaimCount, type DB, type Timeline } from '../../db/index.js';
import { sourceKeys, sourceNameKey } from '../../shared/source-name.js';
import { dateRange, spanRange } from '../dates.js';
import { method } from '../method.js';
import { byCase } from '../schemas.js';
import { liveCase } from '../record-rules.js';

/**
 * A document's publisher or author named as the source on file it is ("U.S. Drug Enforcement
 * Administration", an alias of the source "Drug Enforcement Administration"), so the timeline
 * shows one body, not two. Only sources that are not confidential: tying a confidential source
 * to a published document's byline would say who it is.
 */
function publishersAsSources(db: DB): (name: string) => { id: string | null; name: string } {
  const byKey = new Map<string, { id: string; name: string }>();
  for (const s of listSources(db, {})) {
    if (s.confidential) continue;
    for (const key of sourceKeys(s)) if (!byKey.has(key)) byKey.set(key, { id: s.id, name: s.name });
  }
  return (name) => byKey.get(sourceNameKey(name)) ?? { id: null, name };
}

export function caseTimeline(db: DB, caseId: string): Timeline {
  const asSource = publishersAsSources(db);
  const items = datedRecords(db, caseId)
    .map(({ until, ...r }) => ({
      ...r,
      key: r.kind === 'document' ? `${r.recordId}:${r.what}` : r.recordId,
      ...(r.kind === 'event' ? spanRange(r.date, until) : dateRange(r.date)),
      sources: r.sources.map((s) => (s.id === null ? asSource(s.name) : s)),
    }))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.end < b.end ? -1 : a.end > b.end ? 1 : 0));
  return { caseId, items, undatedClaims: undatedClaimCount(db, caseId) };
}


export const timelineMethods = {
  'timeline.items': method({
    summary: 'The timeline of a case: claims (said on), documents (published, retrieved) and events, each date as the range it stands for.',
    input: byCase,
    write: false,
    run: (ctx, { caseId }) => {
      liveCase(ctx, caseId);
      return caseTimeline(ctx.db, caseId);
    },
  }),
};
