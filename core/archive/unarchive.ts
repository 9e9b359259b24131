// Putting an archived case into a library, ids preserved, in one transaction: all of it or
// none. The rows are checked before a byte is written: every table and column must be one this
// library has, and every row must belong to the archived case (an archive cannot slip a claim
// into another case). Shared records the library already holds are kept as they are, not
// overwritten; a tag whose name the library already uses is merged into that tag.

import { caseTitle, deferForeignKeys, deleteCaseRows, foreignKeyViolations, journalBelongs, readSchema, rowFinder, rowInserter, rowKey, uniqueLookups, type SchemaPlan } from '../../db/case-tables.js';
import type { WriteDB, Row } from '../../db/index.js';
import { storeStagedAttachment } from '../attachments.js';
import { ApiError } from '../errors.js';
import { plainText } from '../lexical-text.js';
import { checkedNoteContent } from '../note-content.js';
import type { Manifest } from './archive.js';
import type { ReadArchive, Refusal } from './read.js';

export interface UnarchiveSummary {
  caseId: string;
  title: string;
  /** The library held a case with this id and it was replaced. */
  replaced: boolean;
  /** Rows written, per table. */
  added: Record<string, number>;
  /** Shared records (sources, tags, files) the library already held: kept as they were. */
  kept: Record<string, number>;
  keptSources: string[];
  attachments: number;
}


function decodeValue(v: unknown): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v) && typeof (v as { $base64?: unknown }).$base64 === 'string') {
    return Buffer.from((v as { $base64: string }).$base64, 'base64');
  }
  return v;
}

/** The archive's rows, table by table, checked against this library's schema and the case. */
export function parseTables(plan: SchemaPlan, archive: ReadArchive): Map<string, Row[]> {
  const issues: Refusal[] = [];
  const byName = new Map(plan.tables.map((t) => [t.name, t]));
  const out = new Map<string, Row[]>();
  const { manifest } = archive;
  for (const [table, bytes] of archive.tables) {
    const path = `tables/${table}.jsonl`;
    const t = byName.get(table);
    if (!t) {
      issues.push({ path, message: `this library has no table “${table}” that belongs to a case` });
      continue;
    }
    const rows: Row[] = [];
    const before = issues.length;
    const lines = bytes.toString('utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    for (const [i, line] of lines.entries()) {
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch {
        issues.push({ path, message: `line ${i + 1} is not valid JSON` });
        break;
      }
      if (!row || typeof row !== 'object' || Array.isArray(row)) {
        issues.push({ path, message: `line ${i + 1} is not a row` });
        break;
      }
      const unknown = Object.keys(row).filter((c) => !t.columns.includes(c));
      if (unknown.length) {
        issues.push({ path, message: `column ${unknown.map((c) => `“${c}”`).join(', ')} is not in this library’s ${table} table` });
        break;
      }
      const bad = Object.values(row).find((v) => v !== null && !['string', 'number'].includes(typeof v) && !(typeof decodeValue(v) === 'object' && Buffer.isBuffer(decodeValue(v))));
      if (bad !== undefined) {
        issues.push({ path, message: `line ${i + 1} holds a value that is not text, a number or a blob` });
        break;
      }
      rows.push(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, decodeValue(v)])));
    }
    if (issues.length === before && (manifest.counts[table] ?? 0) !== rows.length) issues.push({ path, message: `${rows.length} rows, but the manifest counts ${manifest.counts[table] ?? 0}` });
    out.set(table, rows);
  }
  if (!issues.length) checkMembership(plan, manifest, out, issues);
  if (!issues.length) checkNoteContents(out.get('notes') ?? [], issues);
  if (issues.length) {
    const shown = issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join('; ');
    throw new ApiError('ARCHIVE_REFUSED', `This archive was not imported, and nothing was changed: ${shown}${issues.length > 3 ? `; and ${issues.length - 3} more` : ''}.`, issues.slice(0, 200));
  }
  return out;
}

/**
 * A note comes in only if the editor can open it, checked as notes.create checks it
 * (core/note-content.ts): stored in the editor's serialisation, inline styles dropped, its
 * plain text derived again rather than taken from the archive.
 */
function checkNoteContents(notes: Row[], issues: Refusal[]): void {
  for (const [i, note] of notes.entries()) {
    const content = note.content;
    if (content === '' || content === undefined) continue;
    try {
      if (typeof content !== 'string') throw new ApiError('BAD_INPUT', 'its content is not text');
      const checked = checkedNoteContent(content);
      note.content = checked;
      note.text = plainText(checked);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      issues.push({ path: 'tables/notes.jsonl', message: `note ${i + 1}: ${error.message}` });
      return;
    }
  }
}

/** Every row of a case table must hang from the archived case, and refer to nothing of another case. */
function checkMembership(plan: SchemaPlan, manifest: Manifest, rows: Map<string, Row[]>, issues: Refusal[]): void {
  const cases = rows.get('cases') ?? [];
  if (cases.length !== 1 || cases[0]!.id !== manifest.caseId) {
    issues.push({ path: 'tables/cases.jsonl', message: 'it must hold exactly the archived case' });
    return;
  }
  const sets = new Map<string, Set<unknown>>();
  const values = (table: string, column: string) => {
    const key = `${table}.${column}`;
    if (!sets.has(key)) sets.set(key, new Set((rows.get(table) ?? []).map((r) => r[column])));
    return sets.get(key)!;
  };
  const byName = new Map(plan.tables.map((t) => [t.name, t]));
  for (const t of plan.tables.filter((x) => x.role === 'case' && x.name !== 'cases')) {
    // Every reference into a case table (its parents, and a claim's origin passage too) stays in the archive.
    const parents = t.foreignKeys.filter((fk) => byName.get(fk.table)?.role === 'case');
    for (const r of rows.get(t.name) ?? []) {
      const outside = (t.columns.includes('case_id') && r.case_id !== manifest.caseId) || parents.some((fk) => r[fk.column] != null && !values(fk.table, fk.to).has(r[fk.column]));
      if (outside) {
        issues.push({ path: `tables/${t.name}.jsonl`, message: 'a row belongs to another case than the archived one' });
        break;
      }
    }
  }
}

export interface UnarchiveOptions {
  /** Replace a case with the same id already in the library (else CASE_EXISTS). */
  replace?: boolean;
}

/**
 * Writes the archive's rows. Must run inside a transaction (the dispatcher's): any failure rolls
 * everything back. The checked original files are moved into the store last.
 */
export function importArchive(db: WriteDB, libraryPath: string, archive: ReadArchive, options: UnarchiveOptions = {}): UnarchiveSummary {
  const plan = readSchema(db);
  const rows = parseTables(plan, archive);
  const { caseId, title } = archive.manifest;

  const existing = caseTitle(db, caseId);
  if (existing !== undefined && !options.replace) {
    throw new ApiError('CASE_EXISTS', `This library already holds the case “${existing}” (${caseId}), so nothing was imported. To replace it with the archive’s copy, unarchive with --replace (the case now in the library is deleted).`);
  }
  if (existing !== undefined) deleteCaseRows(db, plan, caseId);

  deferForeignKeys(db);
  const added: Record<string, number> = {};
  const kept: Record<string, number> = {};
  const keptSources: string[] = [];
  // Shared records matched to one the library holds under another key: old key → the library's.
  const remap = new Map<string, Map<unknown, unknown>>();
  // Shared records the library already held, by table: their links (a source's tags) are theirs, not the archive's.
  const held = new Map<string, Set<unknown>>();
  // Ids of the records written: a journal entry may only name these (no undo entry for a record the library had).
  const written = new Set<unknown>();
  const journalsLast = [...plan.tables.filter((t) => t.role !== 'journal'), ...plan.tables.filter((t) => t.role === 'journal')];
  for (const t of journalsLast) {
    const all = rows.get(t.name);
    if (!all?.length) continue;
    const owner = t.role === 'shared-link' ? (t.foreignKeys.find((fk) => fk.column === t.primaryKey[0]) ?? t.foreignKeys[0]) : undefined;
    const list = all.filter((r) => (t.role === 'journal' ? journalBelongs(r, written) : !(owner && held.get(owner.table)?.has(r[owner.column]))));
    if (list.length < all.length) kept[t.name] = all.length - list.length;
    const refs = t.foreignKeys.filter((fk) => remap.has(fk.table));
    const lookups = t.role === 'shared' ? uniqueLookups(db, t).map((cols) => ({ cols, find: rowFinder(db, t, cols) })) : [];
    const heldBy = t.primaryKey.length ? rowFinder(db, t, t.primaryKey) : undefined;
    const insert = rowInserter(db, t, t.role === 'case' ? 'fail' : 'ignore');
    let n = 0;
    for (const original of list) {
      const row = { ...original };
      for (const fk of refs) if (remap.get(fk.table)!.has(row[fk.column])) row[fk.column] = remap.get(fk.table)!.get(row[fk.column]);
      if (t.role === 'shared') {
        const there = heldBy?.(t.primaryKey.map((c) => row[c]));
        if (there) {
          kept[t.name] = (kept[t.name] ?? 0) + 1;
          if (!held.has(t.name)) held.set(t.name, new Set());
          held.get(t.name)!.add(row[t.primaryKey[0]!]);
          if (t.name === 'sources' && keptSources.length < 50) keptSources.push(String(there.name ?? there.id));
          continue;
        }
        const match = lookups.map(({ cols, find }) => find(cols.map((c) => row[c]))).find(Boolean);
        if (match && t.primaryKey.length === 1) {
          const pk = t.primaryKey[0]!;
          if (!remap.has(t.name)) remap.set(t.name, new Map());
          remap.get(t.name)!.set(row[pk], match[pk]);
          kept[t.name] = (kept[t.name] ?? 0) + 1;
          continue;
        }
      }
      try {
        const changes = insert(row);
        if (changes && 'id' in row) written.add(row.id);
        n += changes;
      } catch (err) {
        if (String((err as { code?: string }).code).startsWith('SQLITE_CONSTRAINT_PRIMARYKEY')) {
          throw new ApiError('CONFLICT', `The archive holds a record (${t.name} ${rowKey(t, row)}) that this library already has in another case, so nothing was imported.`);
        }
        throw err;
      }
    }
    added[t.name] = n;
  }

  const broken = Object.keys(added).flatMap((table) => foreignKeyViolations(db, table));
  if (broken.length) {
    const b = broken[0]!;
    throw new ApiError('ARCHIVE_REFUSED', `This archive was not imported, and nothing was changed: ${broken.length} of its rows refer to records it does not hold (a row of ${b.table} names a missing ${b.parent} record).`, [{ path: `tables/${b.table}.jsonl`, message: `refers to a missing ${b.parent} record` }]);
  }

  let attachments = 0;
  for (const [sha, staged] of archive.files) {
    // Encrypted as it is stored when the library is.
    if (storeStagedAttachment(libraryPath, sha, staged)) attachments++;
  }
  return { caseId, title, replaced: existing !== undefined, added, kept, keptSources, attachments };
}
