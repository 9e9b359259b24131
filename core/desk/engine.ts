// The library's half of a shared case: its Yjs document rebuilt from the updates the library
// keeps, local writes turned into changes of that document (in the transaction that made them),
// and the document's records written back into the library. The dispatcher calls
// `captureLocalChanges` after every write, so every door's writes are shared the same way.

import { isDeepStrictEqual } from 'node:util';
import * as Y from 'yjs';
import {
  addAttachment,
  addVerificationIfMissing,
  anySharedCase,
  appendSyncUpdate,
  caseRecords,
  caseVerifications,
  clearJournal,
  consistentAs,
  dataVersion,
  deferForeignKeys,
  ensureJournal,
  dropRecord,
  getAttachment,
  journalled,
  lastSyncSeq,
  markAcked,
  putRecord,
  recordRow,
  replaceAcked,
  setClaimSources,
  setConsistentAs,
  setNoteLinks,
  setTags,
  tagsOf,
  sharedCase,
  sharedCases,
  sourcesOfClaims,
  syncUpdates,
  type DB,
  type WriteDB,
  type Row,
  type SharedCase,
  type VerificationRow,
} from '../../db/index.js';
import { ApiError } from '../errors.js';
import { citationsOf, plainText } from '../lexical-text.js';
import { checkedNoteContent } from '../note-content.js';
import { nowIso } from '../../db/index.js';
import { deskMask, type DeskMask } from './mask.js';
import { grantedTo, nextSealed, openGranted, withdrawIdentity } from './grants.js';
import { notesLive, observeChanges, refusal } from './policy.js';
import {
  CLAIM_SOURCES,
  IDENTITY_FIELDS,
  isSharedEntity,
  isTaggable,
  KEY,
  NOTE_BODY_FIELDS,
  ORIGINAL,
  originalFile,
  ROOTS,
  sameValue,
  SHARED_ENTITIES,
  sharedFields,
  TAGS,
  WITHHELD_NAME,
  type OriginalFile,
  type Role,
  type SharedEntity,
} from './schema.js';
import { loadDoc } from './case-doc.js';
import { seedNoteDoc } from './note-engine.js';

export interface HistoryEntry {
  field: string;
  value: unknown;
  by: string;
  at: string;
}

export { loadDoc } from './case-doc.js';

/**
 * Library → document: every shared field that differs is set, signed and written into the
 * record's history. Over the records `only` names (the change journal), or, without it, over
 * the whole case: when it is first shared, and whenever the mask or the note mode changed.
 * Answers the sources and notes it changed, to be compared once more (SETTLING).
 */
function writeLibraryIntoDoc(db: WriteDB, doc: Y.Doc, shared: SharedCase, desk: DeskMask, only?: ReadonlyMap<string, string[]>): Map<string, string[]> {
  const unsettled = new Map<string, string[]>();
  const records = doc.getMap<Y.Map<unknown>>(ROOTS.records);
  const me = shared.member;
  const at = nowIso();
  const meta = doc.getMap(ROOTS.meta);
  if (meta.get('caseId') === undefined) meta.set('caseId', shared.caseId);
  const seen = new Set<string>();
  let live: boolean | undefined;
  for (const entity of SHARED_ENTITIES) {
    const wanted = only?.get(entity);
    if (only && !wanted) continue;
    const rows = caseRecords(db, entity, shared.caseId, wanted);
    const ids = rows.map((r) => String(r.id));
    const sources = entity === 'claim' ? sourcesOfClaims(db, ids) : undefined;
    const tags = isTaggable(entity) ? tagsOf(db, entity, ids) : undefined;
    for (const row of rows) {
      const id = String(row.id);
      seen.add(id);
      let map = records.get(id);
      // Confidential here or on the desk: the identity stays home (a member without it holds a placeholder).
      const withhold = entity === 'source' && (row.confidential === true || map?.get('confidential') === true);
      const fields = sharedFields(entity, row, { withholdIdentity: withhold });
      // A live note's text goes in its own document, started here when this library puts it on the
      // desk (sources come before notes: whether the case cites a confidential one is known by now).
      if (entity === 'note') live ??= notesLive(doc);
      if (entity === 'note' && live) for (const f of NOTE_BODY_FIELDS) delete fields[f];
      if (entity === 'note' && live && shared.role === 'reporter' && (!map || NOTE_BODY_FIELDS.some((f) => map!.has(f)))) seedNoteDoc(db, id, String(row.content));
      if (sources) fields[CLAIM_SOURCES] = sources.get(id) ?? [];
      if (tags && !withhold) fields[TAGS] = tags.get(id) ?? [];
      if (entity === 'document' && typeof fields[ORIGINAL] === 'string') fields[ORIGINAL] = describedOriginal(db, fields[ORIGINAL]);
      if (!desk.empty) for (const [field, value] of Object.entries(fields)) fields[field] = desk.mask(entity, field, value);
      const changed: [string, unknown][] = [];
      if (!map) {
        map = new Y.Map<unknown>();
        map.set(KEY.entity, entity);
        map.set(KEY.history, new Y.Array<HistoryEntry>());
        if (entity === 'source' && row.confidential === true) map.set(KEY.holder, me);
        records.set(id, map);
      }
      for (const [field, value] of Object.entries(fields)) if (!sameValue(map.get(field), value)) changed.push([field, value]);
      // Made confidential after it was shared: its identity is taken off the desk's copy.
      const removed: string[] = withhold ? IDENTITY_FIELDS.filter((f) => map.has(f)) : [];
      // A note that travelled whole (before notes had documents of their own) loses its body here.
      if (entity === 'note' && live && shared.role === 'reporter') removed.push(...NOTE_BODY_FIELDS.filter((f) => map!.has(f)));
      for (const f of removed) map.delete(f);
      if (entity === 'source' && row.confidential === true && !map.has(KEY.holder)) changed.push([KEY.holder, me]);
      // Held here: the identity goes to the members it is granted to, sealed to each (never in the history).
      if (entity === 'source' && (map.get(KEY.holder) ?? (row.confidential === true ? me : undefined)) === me) {
        const sealed = nextSealed(db, shared, id, row, tags?.get(id) ?? [], map);
        if (sealed) changed.push([KEY.sealed, sealed]);
      }
      const deletedAt = (row.deletedAt as string | null) ?? null;
      if (!sameValue(map.get(KEY.deletedAt), deletedAt)) changed.push([KEY.deletedAt, deletedAt]);
      if (changed.length === 0 && removed.length === 0) continue;
      if (SETTLING.has(entity)) {
        const list = unsettled.get(entity);
        if (list) list.push(id);
        else unsettled.set(entity, [id]);
      }
      const history = map.get(KEY.history) as Y.Array<HistoryEntry>;
      for (const [field, value] of changed) {
        map.set(field, value);
        if (field !== KEY.holder && field !== KEY.sealed) history.push([{ field, value, by: me, at }]);
      }
      for (const field of removed) history.push([{ field, value: null, by: me, at }]);
      map.set(KEY.by, me);
      map.set(KEY.at, at);
    }
  }
  // A record of the case the library no longer has was deleted for good here (a source stays:
  // it is the library's, and other cases may cite it).
  const gone = (id: string, entity: unknown) => !seen.has(id) && isSharedEntity(entity) && entity !== 'source' && !recordRow(db, entity, id);
  if (only) {
    for (const [entity, ids] of only) for (const id of ids) if (records.get(id)?.get(KEY.entity) === entity && gone(id, entity)) records.delete(id);
  } else {
    for (const [id, map] of records.entries()) if (gone(id, map.get(KEY.entity))) records.delete(id);
  }
  const entries = only?.get('verification');
  if (only && !entries) return unsettled;
  const written = caseVerifications(db, shared.caseId, entries);
  if (!written.length) return unsettled;
  const logged = new Set(doc.getArray<VerificationRow & { by: string }>(ROOTS.verifications).toArray().map((v) => v.id));
  const fresh = written.filter((v) => !logged.has(v.id));
  if (fresh.length) doc.getArray(ROOTS.verifications).push(fresh.map((v) => ({ ...(desk.mask('verification', '', v) as VerificationRow), by: me })));
  return unsettled;
}

/**
 * What this process keeps of a library's shared cases between writes: each case's document as
 * of the newest update it has taken in (rebuilding it from every stored update, on every write,
 * cost as much as the case), and the desk's mask. Trusted by a later write only once the write
 * that changed it committed (the dispatcher says so: `keepCaptured`), within that write itself
 * (a handler that captures, then the dispatcher's own capture), and while no other connection
 * has written to the library.
 */
interface Kept {
  dataVersion: number;
  /** `committed`, or the dispatcher write that changed it and may still be rolled back (0: none will say). */
  trusted: 'committed' | number;
  mask?: DeskMask;
  cases: Map<string, { doc: Y.Doc; seq: number }>;
}

const kept = new WeakMap<DB, Kept>();
/** The dispatcher write open on each connection, by number (`openCapture`). */
const openWrite = new WeakMap<DB, number>();
let writes = 0;

function forget(db: DB): void {
  const k = kept.get(db);
  if (!k) return;
  for (const c of k.cases.values()) c.doc.destroy();
  kept.delete(db);
}

function keptFor(db: DB): Kept {
  const version = dataVersion(db);
  const k = kept.get(db);
  if (k && k.dataVersion === version && (k.trusted === 'committed' || k.trusted === openWrite.get(db))) return k;
  forget(db);
  const fresh: Kept = { dataVersion: version, trusted: 0, cases: new Map() };
  kept.set(db, fresh);
  return fresh;
}

/** The case's document as the library's stored updates make it: the kept one brought up to date, or rebuilt. */
function caseDoc(db: DB, k: Kept, caseId: string): { doc: Y.Doc; seq: number } {
  const newest = lastSyncSeq(db, caseId);
  let c = k.cases.get(caseId);
  // Numbers only grow (AUTOINCREMENT) and a merge of old updates is stored under a new one: an
  // older newest number means the kept document saw updates the library no longer has.
  if (c && newest < c.seq) {
    c.doc.destroy();
    c = undefined;
  }
  if (!c) {
    c = { doc: loadDoc(db, caseId), seq: newest };
    k.cases.set(caseId, c);
  } else if (newest > c.seq) {
    const fresh = syncUpdates(db, caseId, c.seq).map((u) => u.data);
    Y.applyUpdate(c.doc, fresh.length === 1 ? fresh[0]! : Y.mergeUpdates(fresh));
    c.seq = newest;
  }
  return c;
}

/** More than any record needs (a source made public takes two): a bound, not a count to reach. */
const SETTLE_ROUNDS = 3;
/**
 * The kinds whose comparison reads the document's copy as well as the library's row (a source:
 * whether the desk holds it confidential, who holds it, what is sealed; a note: whether its body
 * travels in the record): only these may read differently once their change is in the document.
 */
const SETTLING: ReadonlySet<string> = new Set<SharedEntity>(['source', 'note']);

/** The mask and the note mode a case's document was made under: when it moves, every record is compared again. */
function modeOf(desk: DeskMask, doc: Y.Doc): string {
  return `${desk.digest}:${notesLive(doc) ? 'live' : 'whole'}`;
}

/**
 * After a write: each shared case whose records changed gets the change as a Yjs update, kept
 * in the library in the same transaction (so it waits, counted, while offline). A change the
 * member's role may not make is refused here, before anything is saved.
 */
export function captureLocalChanges(db: WriteDB, { whole = false }: { whole?: boolean } = {}): string[] {
  if (!anySharedCase(db)) return [];
  // A library shared before the journal existed gets it now; its first comparison is whole (consistent_as is unset).
  ensureJournal(db);
  const k = keptFor(db);
  // Changed from here on: trusted by this write only, until it commits (a capture outside the dispatcher: by none).
  k.trusted = openWrite.get(db) ?? 0;
  const journal = journalled(db);
  // The mask is built from the library's sources: only a change to one can change it.
  if (!k.mask || journal.has('source') || whole) k.mask = deskMask(db);
  const desk = k.mask;
  const changed: string[] = [];
  for (const shared of sharedCases(db)) {
    const c = caseDoc(db, k, shared.caseId);
    const doc = c.doc;
    let update: Uint8Array | undefined;
    const collect = (u: Uint8Array) => {
      update = update ? Y.mergeUpdates([update, u]) : u;
    };
    doc.on('update', collect);
    const madeAs = consistentAs(db, shared.caseId);
    const observed = observeChanges(doc, () =>
      doc.transact(() => {
        const before = modeOf(desk, doc);
        const incremental = !whole && madeAs === before;
        let unsettled = writeLibraryIntoDoc(db, doc, shared, desk, incremental ? journal : undefined);
        // The pass itself may turn the notes' mode (a source made confidential): all of them follow.
        const after = modeOf(desk, doc);
        if (after !== before && incremental) unsettled = writeLibraryIntoDoc(db, doc, shared, desk);
        // A record may read differently once the document holds its change (a source its holder
        // made public: the name goes out once the desk's copy says it is public): until it is still.
        for (let round = 0; unsettled.size && round < SETTLE_ROUNDS; round++) unsettled = writeLibraryIntoDoc(db, doc, shared, desk, unsettled);
        if (after !== madeAs) setConsistentAs(db, shared.caseId, after);
      }),
    );
    doc.off('update', collect);
    const why = refusal(doc, observed, shared.role as Role, shared.member);
    if (why) throw new ApiError('FORBIDDEN', `Not saved: this case is shared with you as ${shared.role}. ${why}`);
    if (update) {
      c.seq = appendSyncUpdate(db, shared.caseId, update, true);
      changed.push(shared.caseId);
    }
  }
  clearJournal(db);
  return changed;
}

/** A dispatcher write begins on the connection (not one nested in a transaction of its caller's). */
export function openCapture(db: DB): void {
  openWrite.set(db, ++writes);
}

/** The write committed: what it kept holds for the writes after it. */
export function keepCaptured(db: DB): void {
  const k = kept.get(db);
  if (k && k.trusted === openWrite.get(db)) k.trusted = 'committed';
  openWrite.delete(db);
}

/** The write was rolled back: its documents may hold changes the library does not. */
export function dropCaptured(db: DB): void {
  forget(db);
  openWrite.delete(db);
}

function withheldSource(map: Y.Map<unknown>): boolean {
  return map.get('confidential') === true && !map.has('name');
}

/**
 * A note's content from another member, checked as the editor would check its own (unknown
 * nodes, unsafe links, inline styles); one the editor cannot open is not written (the note
 * keeps what it had here) rather than stopping the whole case from syncing.
 */
function noteBody(content: unknown): Row {
  try {
    const given = String(content);
    const checked = checkedNoteContent(given);
    // The same state written in another key order is kept as it came: rewritten, it would differ
    // from the document's and go back out as this member's change, on every receive.
    const same = isDeepStrictEqual(JSON.parse(checked), JSON.parse(given));
    return { content: same ? given : checked, text: plainText(checked) };
  } catch {
    return { content: undefined, text: undefined };
  }
}

/** The original file of a document as the desk sees it: what it is, not where this library keeps it. */
function describedOriginal(db: DB, hash: string): OriginalFile | null {
  const row = getAttachment(db, hash);
  return row ? { sha256: row.sha256, size: row.size, mediaType: row.media_type } : null;
}

/**
 * The hash a document received from the desk points at, its attachment row made here (the bytes
 * follow through the link: sync/originals.ts). Anything else than a described file is no file.
 */
function keptOriginal(db: WriteDB, value: unknown): string | null {
  const file = originalFile(value);
  if (!file) return null;
  addAttachment(db, { ...file, at: nowIso() });
  return file.sha256;
}

/** Document → library: each record the document holds differently is written under its id. */
export function applyDocToLibrary(db: WriteDB, doc: Y.Doc, caseId: string): void {
  deferForeignKeys(db);
  const shared = requireShared(db, caseId);
  const records = doc.getMap<Y.Map<unknown>>(ROOTS.records);
  const byEntity = new Map<SharedEntity, [string, Y.Map<unknown>][]>();
  for (const [id, map] of records.entries()) {
    const entity = map.get(KEY.entity);
    if (isSharedEntity(entity)) byEntity.set(entity, [...(byEntity.get(entity) ?? []), [id, map]]);
  }
  const claimSources: [string, string[]][] = [];
  const tagged: [SharedEntity, string, string[]][] = [];
  const desk = deskMask(db);
  for (const entity of SHARED_ENTITIES) {
    for (const [id, map] of byEntity.get(entity) ?? []) {
      const local = recordRow(db, entity, id);
      const wanted: Row = {};
      for (const [key, value] of map.entries()) if (!key.startsWith('$')) wanted[key] = value;
      if (entity === 'claim' && Array.isArray(wanted[CLAIM_SOURCES])) claimSources.push([id, wanted[CLAIM_SOURCES] as string[]]);
      delete wanted[CLAIM_SOURCES];
      if (isTaggable(entity) && Array.isArray(wanted[TAGS])) tagged.push([entity, id, (wanted[TAGS] as unknown[]).filter((t): t is string => typeof t === 'string' && t.length <= 200)]);
      delete wanted[TAGS];
      // Granted to this member: the identity sealed to them is opened here, and only here.
      const opened = entity === 'source' && withheldSource(map) ? openGranted(db, shared, id, map) : null;
      if (opened && 'identity' in opened) {
        const { tags: grantedTags, ...identity } = opened.identity;
        Object.assign(wanted, identity);
        tagged.push(['source', id, grantedTags as string[]]);
      } else if (!local && entity === 'source' && withheldSource(map)) wanted.name = WITHHELD_NAME;
      if (entity === 'document' && ORIGINAL in wanted) wanted[ORIGINAL] = keptOriginal(db, wanted[ORIGINAL]);
      const patch: Row = {};
      for (const [k, v] of Object.entries(wanted)) {
        // What this library withholds comes back masked: unchanged, it is left as it is here;
        // changed by a member, this library's words go back under the runs they left alone.
        if (local && (sameValue(local[k], v) || (!desk.empty && sameValue(desk.mask(entity, k, local[k]), v)))) continue;
        patch[k] = local && !desk.empty ? desk.restore(entity, k, v, local[k]) : v;
      }
      const deletedAt = (map.get(KEY.deletedAt) as string | null | undefined) ?? null;
      const trashChanged = Boolean(local?.deletedAt) !== Boolean(deletedAt);
      if (entity === 'note' && patch.content !== undefined) Object.assign(patch, noteBody(patch.content));
      if (local && Object.keys(patch).length === 0 && !trashChanged) continue;
      putRecord(db, entity, id, patch, deletedAt);
      if (entity === 'note' && patch.content !== undefined) setNoteLinks(db, id, citationsOf(String(patch.content)));
    }
  }
  const current = sourcesOfClaims(db, claimSources.map(([id]) => id));
  for (const [id, ids] of claimSources) if (!sameValue(current.get(id), ids)) setClaimSources(db, id, ids);
  for (const [entity, id, names] of tagged) {
    if (!isTaggable(entity)) continue;
    const mine = tagsOf(db, entity, [id]).get(id) ?? [];
    if (sameValue(mine, names) || (!desk.empty && sameValue(desk.mask(entity, TAGS, mine), names))) continue;
    setTags(db, entity, id, desk.empty ? names : (desk.restore(entity, TAGS, names, mine) as string[]));
  }
  for (const v of doc.getArray<VerificationRow>(ROOTS.verifications).toArray()) addVerificationIfMissing(db, v);
  // A record the document no longer holds was deleted for good by a member: so it is here.
  for (const entity of SHARED_ENTITIES) {
    if (entity === 'source') continue;
    for (const row of caseRecords(db, entity, caseId)) if (!records.has(String(row.id))) dropRecord(db, entity, String(row.id));
  }
}

/** A remote update, kept and applied to the library in one transaction. */
export function receiveUpdate(db: WriteDB, caseId: string, update: Uint8Array): void {
  const shared = requireShared(db, caseId);
  const doc = loadDoc(db, caseId);
  const before = grantedTo(doc, shared.member);
  try {
    Y.applyUpdate(doc, update);
  } catch {
    throw new ApiError('BAD_INPUT', 'The update from the sync server could not be read: nothing was changed.');
  }
  appendSyncUpdate(db, caseId, update, false);
  applyDocToLibrary(db, doc, caseId);
  // A grant the holder revoked: what it gave goes from this library too.
  const still = grantedTo(doc, shared.member);
  for (const sourceId of before) {
    const map = doc.getMap<Y.Map<unknown>>(ROOTS.records).get(sourceId);
    // Not when the holder made the source public instead: its name is in the record now.
    if (!still.has(sourceId) && map && withheldSource(map)) withdrawIdentity(db, sourceId, (map.get(KEY.deletedAt) as string | null | undefined) ?? null);
  }
  doc.destroy();
}

/** The server holds (and has saved) every local update its snapshot contains. */
export function acknowledge(db: WriteDB, caseId: string, serverSnapshot: Uint8Array): { waiting: number } {
  requireShared(db, caseId);
  let snapshot: Y.Snapshot;
  try {
    snapshot = Y.decodeSnapshot(serverSnapshot);
  } catch {
    throw new ApiError('BAD_INPUT', 'The sync server’s acknowledgement could not be read.');
  }
  const updates = syncUpdates(db, caseId);
  const acked = updates.filter((u) => u.local && !u.acked && Y.snapshotContainsUpdate(snapshot, u.data)).map((u) => u.seq);
  markAcked(db, acked);
  const done = updates.filter((u) => u.acked || acked.includes(u.seq));
  // Many small acknowledged updates are folded into one: loading the case stays quick.
  if (done.length > 64) replaceAcked(db, caseId, done.map((u) => u.seq), Y.mergeUpdates(done.map((u) => u.data)));
  return { waiting: updates.filter((u) => u.local && !u.acked && !acked.includes(u.seq)).length };
}

export function requireShared(db: DB, caseId: string): SharedCase {
  const shared = sharedCase(db, caseId);
  if (!shared) throw new ApiError('NOT_FOUND', 'That case is not shared with a desk: `corroborate share` shares it.');
  return shared;
}

/** Who last changed the record, by the document's signature. */
export function lastChangedBy(doc: Y.Doc, recordId: string): string | undefined {
  const by = doc.getMap<Y.Map<unknown>>(ROOTS.records).get(recordId)?.get(KEY.by);
  return typeof by === 'string' ? by : undefined;
}
