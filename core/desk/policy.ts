// What a member may write into a shared case, judged from the change itself (docs/sync.md §6).
// The sync server runs it on every update before applying it (authorisation that a modified
// client cannot skip); the library runs the same rules before sending, so that a reporter is
// told at once rather than refused later by the server.

import * as Y from 'yjs';
import { isSealedEntry } from './seal.js';
import { forbiddenFields, IDENTITY_FIELDS, KEY, NOTE_BODY_FIELDS, NOTE_ROOT, NOTES_WHOLE, ROOT_NAMES, ROOTS, type Role } from './schema.js';

export type Change =
  | { kind: 'root'; name: string }
  | { kind: 'meta'; key: string }
  | { kind: 'record-added'; id: string }
  | { kind: 'record-removed'; id: string }
  | { kind: 'field'; id: string; key: string }
  | { kind: 'history'; id: string; field: unknown; by: unknown; cleared: boolean }
  | { kind: 'verification'; entry: unknown }
  | { kind: 'shrink'; where: string };

interface Observed {
  changes: Change[];
  /** Records touched, to check their final state. */
  touched: Set<string>;
}

function recordMap(doc: Y.Doc, id: string): Y.Map<unknown> | undefined {
  const m = doc.getMap(ROOTS.records).get(id);
  return m instanceof Y.Map ? m : undefined;
}

function historyChange(id: string, entry: unknown): Change {
  const e = (entry && typeof entry === 'object' ? entry : {}) as { field?: unknown; by?: unknown; value?: unknown };
  return { kind: 'history', id, field: e.field, by: e.by, cleared: e.value === null || e.value === undefined };
}

function addedRecord(out: Observed, id: string, map: unknown): void {
  out.changes.push({ kind: 'record-added', id });
  out.touched.add(id);
  if (!(map instanceof Y.Map)) return;
  for (const key of map.keys()) out.changes.push({ kind: 'field', id, key });
  const history = map.get(KEY.history);
  if (history instanceof Y.Array) for (const e of history.toArray()) out.changes.push(historyChange(id, e));
}

/** Runs `apply` (which changes `doc` in one transaction) and says what it changed. */
export function observeChanges(doc: Y.Doc, apply: () => void): { changes: Change[]; touched: Set<string> } {
  const out: Observed = { changes: [], touched: new Set() };
  const records = doc.getMap(ROOTS.records);
  const verifications = doc.getArray(ROOTS.verifications);
  const meta = doc.getMap(ROOTS.meta);
  const onRecords = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    for (const ev of events) {
      if (ev.target === records) {
        for (const [id, { action }] of ev.changes.keys) {
          if (action !== 'add') out.changes.push({ kind: 'record-removed', id });
          if (action !== 'delete') addedRecord(out, id, records.get(id));
        }
        continue;
      }
      const id = String(ev.path[0]);
      out.touched.add(id);
      if (ev.target instanceof Y.Map) {
        for (const key of ev.changes.keys.keys()) out.changes.push({ kind: 'field', id, key });
      } else if (ev.target instanceof Y.Array) {
        if (ev.changes.deleted.size > 0) out.changes.push({ kind: 'shrink', where: 'history' });
        for (const d of ev.changes.delta) {
          for (const e of (d.insert as unknown[] | undefined) ?? []) out.changes.push(historyChange(id, e));
        }
      } else {
        out.changes.push({ kind: 'shrink', where: 'record' });
      }
    }
  };
  const onVerifications = (ev: Y.YArrayEvent<unknown>) => {
    if (ev.changes.deleted.size > 0) out.changes.push({ kind: 'shrink', where: 'verification log' });
    for (const d of ev.changes.delta) for (const entry of (d.insert as unknown[] | undefined) ?? []) out.changes.push({ kind: 'verification', entry });
  };
  const onMeta = (ev: Y.YMapEvent<unknown>) => {
    for (const key of ev.changes.keys.keys()) out.changes.push({ kind: 'meta', key });
  };
  records.observeDeep(onRecords);
  verifications.observe(onVerifications);
  meta.observe(onMeta);
  try {
    apply();
  } finally {
    records.unobserveDeep(onRecords);
    verifications.unobserve(onVerifications);
    meta.unobserve(onMeta);
  }
  for (const name of doc.share.keys()) if (!ROOT_NAMES.has(name)) out.changes.push({ kind: 'root', name });
  return out;
}

/** Ciphertext for named members and nothing else (what it holds the server cannot read, by design). */
function sealedOnly(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return entries.length <= 500 && entries.every(([m, e]) => m.length > 0 && m.length <= 200 && isSealedEntry(e));
}

const FACT_CHECKER_FIELDS: ReadonlySet<string> = new Set(['status', KEY.by, KEY.at]);
/** Bookkeeping keys of a record, written with every change and not signed one by one. */
const UNSIGNED_KEYS: ReadonlySet<string> = new Set([KEY.by, KEY.at, KEY.history, KEY.entity, KEY.holder, KEY.sealed]);

/**
 * Why `member` (in `role`) may not make these changes, or null when they may. `doc` holds the
 * changes already (on the server: a scratch copy, thrown away when refused).
 */
export function refusal(doc: Y.Doc, observed: { changes: Change[]; touched: Set<string> }, role: Role, member: string): string | null {
  const { changes, touched } = observed;
  if (changes.length === 0) return null;
  if (role === 'editor' || role === 'lawyer') return `A member who joined as ${role} reads the case but does not change it.`;
  const records = doc.getMap(ROOTS.records);
  for (const c of changes) {
    if (c.kind === 'root') return `The change writes “${c.name.slice(0, 40)}”, which is not part of a case.`;
    if (c.kind === 'shrink') return `Entries of the ${c.where} are never removed.`;
    // Once a case's notes travel whole they stay so: a live note could carry a typed name.
    if (c.kind === 'meta' && c.key === NOTES_WHOLE && doc.getMap(ROOTS.meta).get(NOTES_WHOLE) !== true) return 'A case whose drafts travel whole does not go back to live drafts.';
    if (c.kind === 'verification') {
      const e = c.entry as { by?: unknown; claimId?: unknown } | null;
      if (!e || typeof e !== 'object' || e.by !== member) return 'A verification entry must name the member who wrote it.';
    }
    if (role === 'fact-checker') {
      if (c.kind === 'meta' || c.kind === 'record-added' || c.kind === 'record-removed') return 'A fact-checker changes statuses and writes verification entries; records are the reporters’.';
      if (c.kind === 'field' && (!FACT_CHECKER_FIELDS.has(c.key) || recordMap(doc, c.id)?.get(KEY.entity) !== 'claim')) {
        return `A fact-checker changes a claim’s status, not its “${c.key.replace(/^\$/, '')}”.`;
      }
      if (c.kind === 'history' && c.field !== 'status') return 'A fact-checker changes statuses only.';
    }
  }
  for (const id of touched) {
    const map = records.get(id);
    if (!(map instanceof Y.Map)) continue;
    const fields = changes.filter((c): c is Extract<Change, { kind: 'field' }> => c.kind === 'field' && c.id === id).map((c) => c.key);
    const history = changes.filter((c): c is Extract<Change, { kind: 'history' }> => c.kind === 'history' && c.id === id);
    // Signed field by field, in the history: a map's "last changed by" may lose to a concurrent
    // edit by someone else, an entry in the history never does.
    if (history.some((h) => h.by !== member)) return 'Every change to a record must be signed by the member who made it.';
    if (fields.includes(KEY.by) && map.get(KEY.by) !== member) return 'Every change to a record must be signed by the member who made it.';
    const unsigned = fields.filter((f) => !UNSIGNED_KEYS.has(f) && !history.some((h) => h.field === f));
    if (unsigned.length) return 'Every change to a record must be signed by the member who made it.';
    const entity = String(map.get(KEY.entity));
    const forbidden = entity === 'note' ? (notesLive(doc) ? NOTE_BODY_FIELDS : []) : forbiddenFields(entity, map.get('confidential') === true);
    // A field taken off (a source made confidential after it was shared) leaves an empty entry.
    if (forbidden.some((f) => map.has(f) || history.some((h) => h.field === f && !h.cleared))) return 'A confidential source’s identity and any source’s contact details stay on the machine of the reporter who holds them.';
    const holder = map.get(KEY.holder);
    if (typeof holder === 'string' && holder !== member && fields.some((f) => f === 'confidential' || f === KEY.holder || f === KEY.sealed || (IDENTITY_FIELDS as readonly string[]).includes(f))) {
      return `Only ${holder}, who holds this source’s identity, may change who it is, whether it is confidential, or who it is granted to.`;
    }
    if (fields.includes(KEY.sealed)) {
      if (entity !== 'source' || holder !== member) return 'Only the member who holds a confidential source’s identity may grant it to another.';
      const sealed = map.get(KEY.sealed);
      if (!sealedOnly(sealed)) return 'A granted identity travels only sealed to the member it is for.';
      // A source made public again has its grants emptied: its name travels in the record now.
      if (map.get('confidential') !== true && Object.keys(sealed as object).length > 0) return 'Only a confidential source’s identity is granted.';
    }
  }
  return null;
}

/**
 * Whether the case's notes are co-edited live, each in its own document. Yes, unless a member's
 * library said otherwise (NOTES_WHOLE) before notes had masked twins: a library that holds a
 * confidential identity sends each note through a twin that masks what it withholds as it is
 * typed (note-twin.ts), so a case citing one is co-edited live too. A case flagged so keeps its
 * notes whole, masked, in their records: the flag is never taken back (refusal()), since a
 * member's library that still relied on it could be offline. The same answer in every library
 * and on the server: it is read from the case's document.
 */
export function notesLive(doc: Y.Doc): boolean {
  return doc.getMap(ROOTS.meta).get(NOTES_WHOLE) !== true;
}

/** Who writes a note's text (its own document): reporters, and editors, whose work on a draft is this. */
export const NOTE_WRITERS: ReadonlySet<Role> = new Set(['reporter', 'editor']);

/** Why `role` may not leave a note's document as `doc` holds it (the change applied), or null. */
export function noteRefusal(doc: Y.Doc, role: Role): string | null {
  if (!NOTE_WRITERS.has(role)) return `A member who joined as ${role} reads the drafts but does not change them.`;
  for (const name of doc.share.keys()) if (name !== NOTE_ROOT) return `The change writes “${name.slice(0, 40)}”, which is not part of a note.`;
  return null;
}
