// The demo case ("Precursor pipeline") that lets a newcomer see every feature. It is loaded
// through the same methods a reporter's own input goes through, so it obeys every rule they do.

import { z } from 'zod';
import demoFile from '../../assets/demo/precursor-pipeline.json' with { type: 'json' };
import { getRow, restoreRecord, setMeta } from '../../db/index.js';
import { DEMO_CASE_KEY, demoCaseId } from '../demo-id.js';
import type { Context } from '../context.js';
import type { MethodDef } from '../method.js';
import { method } from '../method.js';
import { caseMethods } from './cases.js';
import { claimMethods } from './claims.js';
import { documentMethods } from './documents.js';
import { eventMethods } from './events.js';
import { linkMethods } from './links.js';
import { noteMethods } from './notes.js';
import { replyMethods } from './replies.js';
import { sourceMethods } from './sources.js';

const key = z.string().min(1);
const nullable = <T extends z.ZodType>(t: T) => t.nullable();

const demoSchema = z.strictObject({
  format: z.literal('corroborate-demo/1'),
  case: z.strictObject({ title: z.string(), description: z.string() }),
  sources: z.array(
    z.strictObject({
      key,
      kind: z.string(),
      name: z.string(),
      aliases: z.array(z.string()),
      role: z.string(),
      affiliationKey: nullable(key),
      contact: z.record(z.string(), z.string()),
      defaultAttribution: z.string(),
      confidential: z.boolean(),
      anonymityReason: nullable(z.string()),
      identityKnownBy: nullable(z.string()),
      description: nullable(z.string()),
      reliability: nullable(z.string()),
      notes: z.string(),
      tags: z.array(z.string()),
    }),
  ),
  documents: z.array(
    z.strictObject({
      key,
      title: z.string(),
      kind: z.string(),
      author: nullable(z.string()),
      publisher: nullable(z.string()),
      publishedOn: nullable(z.string()),
      url: nullable(z.string()),
      retrievedAt: nullable(z.string()),
      text: z.string(),
      tags: z.array(z.string()),
      excerpts: z.array(z.strictObject({ key, exact: z.string(), page: nullable(z.number()), comment: nullable(z.string()) })),
    }),
  ),
  claims: z.array(
    z.strictObject({
      key,
      statement: z.string(),
      quote: nullable(z.string()),
      quoteKind: z.string(),
      sourceKeys: z.array(key),
      saidOn: nullable(z.string()),
      medium: z.string(),
      attribution: z.string(),
      originExcerptKey: nullable(key),
      status: z.string(),
      tags: z.array(z.string()),
      verification: z.array(z.strictObject({ status: z.string(), checker: z.string(), method: z.string(), note: z.string() })),
      replies: z.array(
        z.strictObject({
          subjectKey: nullable(key),
          subjectName: z.string(),
          contactedAt: z.string(),
          channel: z.string(),
          response: nullable(z.string()),
          respondedAt: nullable(z.string()),
        }),
      ),
    }),
  ),
  claimLinks: z.array(z.strictObject({ from: key, to: key, relation: z.string(), note: z.string() })),
  evidence: z.array(
    z.strictObject({
      claim: key,
      document: key,
      excerpt: nullable(key),
      stance: z.string(),
      locator: nullable(z.string()),
      note: nullable(z.string()),
    }),
  ),
  notes: z.array(z.strictObject({ title: z.string(), paragraphs: z.array(z.array(z.union([z.string(), z.strictObject({ cite: key })]))) })),
});

type Demo = z.infer<typeof demoSchema>;

/** What happened around the claims, for the timeline; dated as the reporting dates them. */
const DEMO_EVENTS = [
  {
    title: 'China controls all fentanyl-related substances as a class',
    happenedOn: '2019-05',
    description: 'Beijing schedules every fentanyl-related substance at once rather than one compound at a time. Direct fentanyl shipments fall; the trade moves to precursors.',
  },
  {
    title: 'China adds six fentanyl precursors to its controlled list',
    happenedOn: '2021-06',
    description: 'Suppliers move on to "pre-precursors": chemicals one step further back that are not yet regulated.',
  },
  {
    title: 'U.S. declares synthetic-opioid trafficking a national emergency',
    happenedOn: '2021-12-15',
    description: 'The President declares the trafficking of synthetic opioids into the United States a national emergency, enabling sanctions on those involved.',
  },
];

/** Runs a method as a door would: its input validated by its own schema. */
function call<I extends z.ZodType, O>(ctx: Context, m: MethodDef<I, O>, input: unknown): O {
  return m.run(ctx, m.input.parse(input), undefined);
}

const orEmpty = (s: string | null) => s ?? '';

/** The Lexical editor state of a paragraph list whose items are text runs and claim citations. */
function draftState(paragraphs: Demo['notes'][number]['paragraphs'], claimIds: Map<string, string>): string {
  const children = paragraphs.map((runs) => ({
    type: 'paragraph',
    version: 1,
    direction: 'ltr',
    format: '',
    indent: 0,
    textFormat: 0,
    textStyle: '',
    children: runs.map((run) =>
      typeof run === 'string'
        ? { type: 'text', version: 1, text: run, format: 0, style: '', mode: 'normal', detail: 0 }
        : { type: 'claim-citation', version: 1, claimId: claimIds.get(run.cite)! },
    ),
  }));
  return JSON.stringify({ root: { type: 'root', version: 1, direction: 'ltr', format: '', indent: 0, children } });
}

/**
 * Loads the demo case, once. Asked again, it changes nothing; if the demo case is in the trash,
 * it comes back from there as the reporter left it, rather than as a second copy.
 */
export function loadDemo(ctx: Context): { caseId: string; created: boolean; restored: boolean } {
  const known = demoCaseId(ctx);
  if (known) {
    const trashed = Boolean(getRow(ctx.db, 'case', known)?.deleted_at);
    if (trashed) restoreRecord(ctx.db, 'case', known);
    return { caseId: known, created: false, restored: trashed };
  }

  const demo = demoSchema.parse(demoFile);
  const theCase = call(ctx, caseMethods['cases.create'], demo.case);

  // Sources are library-wide: one already on file under the same name is reused, not doubled.
  const existing = new Map(call(ctx, sourceMethods['sources.list'], {}).map((s) => [s.name.toLowerCase(), s.id]));
  const sourceIds = new Map<string, string>();
  for (const { key: k, affiliationKey: _a, anonymityReason, identityKnownBy, description, ...s } of demo.sources) {
    const id =
      existing.get(s.name.toLowerCase()) ??
      call(ctx, sourceMethods['sources.create'], {
        ...s,
        anonymityReason: orEmpty(anonymityReason),
        identityKnownBy: orEmpty(identityKnownBy),
        description: orEmpty(description),
      }).id;
    sourceIds.set(k, id);
  }
  for (const s of demo.sources) {
    if (s.affiliationKey) call(ctx, sourceMethods['sources.update'], { id: sourceIds.get(s.key), affiliationId: sourceIds.get(s.affiliationKey) });
  }

  const documentIds = new Map<string, string>();
  const excerptIds = new Map<string, string>();
  for (const { key: k, excerpts, author, publisher, url, ...d } of demo.documents) {
    const doc = call(ctx, documentMethods['documents.create'], {
      caseId: theCase.id,
      ...d,
      author: orEmpty(author),
      publisher: orEmpty(publisher),
      url: orEmpty(url),
    });
    documentIds.set(k, doc.id);
    for (const { key: ek, comment, ...e } of excerpts) {
      excerptIds.set(ek, call(ctx, documentMethods['excerpts.create'], { documentId: doc.id, ...e, comment: orEmpty(comment) }).id);
    }
  }

  const claimIds = new Map<string, string>();
  for (const c of demo.claims) {
    const claim = call(ctx, claimMethods['claims.create'], {
      caseId: theCase.id,
      statement: c.statement,
      quote: orEmpty(c.quote),
      quoteKind: c.quoteKind,
      sourceIds: c.sourceKeys.map((k) => sourceIds.get(k)),
      saidOn: c.saidOn,
      medium: c.medium,
      attribution: c.attribution,
      originExcerptId: c.originExcerptKey ? excerptIds.get(c.originExcerptKey) : null,
      tags: c.tags,
    });
    claimIds.set(c.key, claim.id);
    for (const v of c.verification) call(ctx, claimMethods['claims.setStatus'], { id: claim.id, ...v });
    for (const r of c.replies) {
      call(ctx, replyMethods['replies.create'], {
        caseId: theCase.id,
        claimId: claim.id,
        sourceId: r.subjectKey ? sourceIds.get(r.subjectKey) : null,
        subject: r.subjectName,
        contactedAt: r.contactedAt,
        channel: r.channel,
        response: orEmpty(r.response),
        respondedAt: r.respondedAt,
      });
    }
  }

  for (const l of demo.claimLinks) {
    call(ctx, linkMethods['claimLinks.create'], { fromClaimId: claimIds.get(l.from), toClaimId: claimIds.get(l.to), relation: l.relation, note: l.note });
  }
  for (const e of demo.evidence) {
    call(ctx, linkMethods['evidence.create'], {
      claimId: claimIds.get(e.claim),
      documentId: documentIds.get(e.document),
      ...(e.excerpt ? { excerptId: excerptIds.get(e.excerpt) } : {}),
      stance: e.stance,
      locator: orEmpty(e.locator),
      note: orEmpty(e.note),
    });
  }
  for (const e of DEMO_EVENTS) call(ctx, eventMethods['events.create'], { caseId: theCase.id, ...e });
  for (const n of demo.notes) {
    call(ctx, noteMethods['notes.create'], { caseId: theCase.id, title: n.title, content: draftState(n.paragraphs, claimIds) });
  }

  setMeta(ctx.db, DEMO_CASE_KEY, theCase.id);
  return { caseId: theCase.id, created: true, restored: false };
}

export const demoMethods = {
  'demo.load': method({
    summary: 'Loads the demo case “Precursor pipeline”. Loading it again does nothing while it exists.',
    input: z.strictObject({}).optional(),
    write: true,
    run: (ctx) => loadDemo(ctx),
  }),
};
