// Which rows of the library make up one case, read from the schema itself (PRAGMA table_list,
// table_info, foreign_key_list) rather than from a list of tables and columns kept by hand, so a
// table or column a later migration adds travels in the archive without anyone touching this.
//
// The rules, in the schema's own terms:
// - a *case table* has a case_id column, or belongs (ON DELETE CASCADE) to a case table;
//   its rows are those of the case whose parents in case tables are in the archive too;
// - a *shared table* (sources, tags, attachments: records that outlive one case) is one a case
//   row refers to; only the rows referred to are taken, with what they refer to in turn (a
//   source's affiliation);
// - a *shared link table* joins shared records (source_tags): its rows come with the record
//   named by its first key column;
// - the journals (trash, undo_log) carry ids without foreign keys: an entry is taken when the
//   records it names are all in the archive;
// - library-level tables (meta) and derived ones (full-text indexes) are never taken.
//
// Writing a case back (core/archive/unarchive.ts) goes through the table-level statements at
// the end, so the archive's logic speaks of tables and rows, and SQL stays here.

import type { Statement } from './driver.js';
import type { DB, WriteDB } from './open.js';
import type { Row } from './records.js';

/**
 * Tables that belong to the library as a whole, never a case's: settings, the sync state of a
 * shared case (its member credential, its key pair, the other members' keys, its grants and its
 * document belong to this machine: an archive of the case travels without them, docs/sync.md
 * §5), the journal of the records a write changed that the case's document has yet to take in
 * (emptied by the write that fills it), and the full-text indexing a bulk import defers (empty outside the import's transaction:
 * db/bulk.ts).
 */
export const LIBRARY_TABLES = ['meta', 'sync_cases', 'sync_updates', 'sync_note_updates', 'sync_keys', 'sync_peers', 'sync_grants', 'sync_journal', 'fts_deferred'] as const;
/** Journals whose rows name records by id without a foreign key. */
export const JOURNAL_TABLES = ['trash', 'undo_log'] as const;
/** Ids that are not foreign keys but name a shared record the case needs (a source a note mentions). */
const SOFT_REFERENCES = [{ table: 'note_links', typeColumn: 'target_type', type: 'source', idColumn: 'target_id', target: 'sources' }];

export type Role = 'case' | 'shared' | 'shared-link' | 'journal';

export interface ForeignKey {
  column: string;
  table: string;
  to: string;
  cascade: boolean;
}

export interface TableInfo {
  name: string;
  columns: string[];
  primaryKey: string[];
  foreignKeys: ForeignKey[];
  role: Role;
}

export interface SchemaPlan {
  /** The tables an archive holds, parents before children. */
  tables: TableInfo[];
  libraryLevel: string[];
  /** Full-text indexes, their shadow tables and vocabularies: rebuilt from the rows by triggers. */
  derived: string[];
  /** Tables none of the rules place: the archive cannot say whether they belong to a case. */
  unclassified: string[];
}

export type Rows = Map<string, Row[]>;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function readSchema(db: DB): SchemaPlan {
  const list = db.prepare("SELECT name, type FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").all() as { name: string; type: string }[];
  const derived = list.filter((t) => t.type === 'virtual' || t.type === 'shadow').map((t) => t.name);
  const libraryLevel = list.filter((t) => (LIBRARY_TABLES as readonly string[]).includes(t.name)).map((t) => t.name);
  const infos = new Map<string, Omit<TableInfo, 'role'>>();
  for (const { name, type } of list) {
    if (type !== 'table' || libraryLevel.includes(name)) continue;
    const cols = db.prepare(`SELECT name, pk FROM pragma_table_info(?) ORDER BY cid`).all(name) as { name: string; pk: number }[];
    const primaryKey = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    const fks = db.prepare('SELECT "from", "table", "to", on_delete FROM pragma_foreign_key_list(?)').all(name) as { from: string; table: string; to: string | null; on_delete: string }[];
    infos.set(name, {
      name,
      columns: cols.map((c) => c.name),
      primaryKey,
      foreignKeys: fks.map((f) => ({ column: f.from, table: f.table, to: f.to ?? '', cascade: f.on_delete === 'CASCADE' })),
    });
  }
  // A foreign key naming no column refers to the parent's primary key.
  for (const t of infos.values()) for (const fk of t.foreignKeys) fk.to ||= infos.get(fk.table)?.primaryKey[0] ?? 'rowid';

  const roles = new Map<string, Role>();
  for (const j of JOURNAL_TABLES) if (infos.has(j)) roles.set(j, 'journal');
  const fixpoint = (step: () => boolean) => {
    while (step());
  };
  fixpoint(() => {
    let changed = false;
    for (const t of infos.values()) {
      if (roles.has(t.name)) continue;
      const isCase = t.name === 'cases' || t.columns.includes('case_id') || t.foreignKeys.some((fk) => fk.cascade && roles.get(fk.table) === 'case');
      if (isCase) {
        roles.set(t.name, 'case');
        changed = true;
      }
    }
    return changed;
  });
  fixpoint(() => {
    let changed = false;
    for (const t of infos.values()) {
      const role = roles.get(t.name);
      if (role !== 'case' && role !== 'shared') continue;
      for (const fk of t.foreignKeys) {
        if (!roles.has(fk.table) && infos.has(fk.table)) {
          roles.set(fk.table, 'shared');
          changed = true;
        }
      }
    }
    return changed;
  });
  for (const t of infos.values()) {
    if (!roles.has(t.name) && t.foreignKeys.length && t.foreignKeys.every((fk) => roles.get(fk.table) === 'shared')) roles.set(t.name, 'shared-link');
  }

  const unclassified = [...infos.keys()].filter((n) => !roles.has(n));
  const tables = order([...infos.values()].filter((t) => roles.has(t.name)).map((t) => ({ ...t, role: roles.get(t.name)! })));
  return { tables, libraryLevel, derived, unclassified };
}

/** Parents before children, so rows can be inserted in this order (self-references aside). */
function order(tables: TableInfo[]): TableInfo[] {
  const out: TableInfo[] = [];
  const placed = new Set<string>();
  const known = new Set(tables.map((t) => t.name));
  while (out.length < tables.length) {
    const next = tables.find((t) => !placed.has(t.name) && t.foreignKeys.every((fk) => fk.table === t.name || placed.has(fk.table) || !known.has(fk.table)));
    // A cycle between tables (none today) falls back to schema order; foreign keys are checked at commit.
    const t = next ?? tables.find((x) => !placed.has(x.name))!;
    placed.add(t.name);
    out.push(t);
  }
  return out;
}

/** A row's key, for sets of rows: the primary key's values. */
export function rowKey(t: TableInfo, row: Row): string {
  return JSON.stringify(t.primaryKey.map((c) => row[c]));
}

function orderBy(t: TableInfo): string {
  return (t.primaryKey.length ? t.primaryKey : t.columns).map(quote).join(', ');
}

function selectWhere(db: DB, t: TableInfo, column: string, values: Iterable<unknown>): Row[] {
  const list = [...new Set(values)].filter((v) => v !== null && v !== undefined);
  if (!list.length) return [];
  return db.prepare(`SELECT * FROM ${quote(t.name)} WHERE ${quote(column)} IN (SELECT value FROM json_each(?)) ORDER BY ${orderBy(t)}`).all(JSON.stringify(list)) as Row[];
}

export interface Selection {
  rows: Rows;
  /** References from a case row to a row of another case, cleared (none when the app made the data). */
  detached: { table: string; column: string; id: unknown }[];
}

/**
 * Every row of the case, table by table, read in one transaction (a consistent snapshot even
 * while the app writes). Rows are in primary-key order, so the same case gives the same files.
 */
export function selectCase(db: DB, plan: SchemaPlan, caseId: string): Selection {
  return db.transaction(() => collect(db, plan, caseId))();
}

function collect(db: DB, plan: SchemaPlan, caseId: string): Selection {
  const rows: Rows = new Map();
  const keys = new Map<string, Set<unknown>>(); // table → the values of its referenced columns taken so far
  const taken = (table: string, column: string) => keys.get(`${table}.${column}`) ?? new Set<unknown>();
  const remember = (t: TableInfo, list: Row[]) => {
    for (const column of t.columns) {
      const k = `${t.name}.${column}`;
      const set = keys.get(k) ?? new Set<unknown>();
      for (const r of list) set.add(r[column]);
      keys.set(k, set);
    }
  };
  const add = (t: TableInfo, list: Row[]) => {
    const existing = rows.get(t.name) ?? [];
    const seen = new Set(existing.map((r) => rowKey(t, r)));
    const fresh = list.filter((r) => !seen.has(rowKey(t, r)));
    if (!fresh.length) return false;
    rows.set(t.name, [...existing, ...fresh]);
    remember(t, fresh);
    return true;
  };
  const byName = new Map(plan.tables.map((t) => [t.name, t]));
  const detached: Selection['detached'] = [];

  // Case tables, parents first: each table's rows hang from rows already taken.
  for (const t of plan.tables.filter((x) => x.role === 'case')) {
    const caseFks = t.foreignKeys.filter((fk) => byName.get(fk.table)?.role === 'case' && fk.table !== t.name);
    let candidates: Row[];
    if (t.name === 'cases') candidates = selectWhere(db, t, 'id', [caseId]);
    else if (t.columns.includes('case_id')) candidates = selectWhere(db, t, 'case_id', [caseId]);
    else {
      const owner = caseFks.find((fk) => fk.cascade)!;
      candidates = selectWhere(db, t, owner.column, taken(owner.table, owner.to));
    }
    const kept = candidates.filter((r) => caseFks.every((fk) => !fk.cascade || r[fk.column] === null || taken(fk.table, fk.to).has(r[fk.column])));
    for (const r of kept) {
      for (const fk of caseFks) {
        if (!fk.cascade && r[fk.column] !== null && !taken(fk.table, fk.to).has(r[fk.column])) {
          detached.push({ table: t.name, column: fk.column, id: r[fk.column] });
          r[fk.column] = null;
        }
      }
    }
    add(t, kept);
  }

  // Shared records the case refers to, what those refer to, and their links, until nothing new.
  const shared = plan.tables.filter((t) => t.role === 'shared');
  const links = plan.tables.filter((t) => t.role === 'shared-link');
  for (let changed = true; changed; ) {
    changed = false;
    for (const t of shared) {
      const wanted = new Set<unknown>();
      for (const from of plan.tables) {
        for (const fk of from.foreignKeys) if (fk.table === t.name) for (const v of taken(from.name, fk.column)) wanted.add(v);
      }
      for (const soft of SOFT_REFERENCES.filter((s) => s.target === t.name)) {
        for (const r of rows.get(soft.table) ?? []) if (r[soft.typeColumn] === soft.type) wanted.add(r[soft.idColumn]);
      }
      const pk = t.primaryKey[0]!;
      const have = taken(t.name, pk);
      const missing = [...wanted].filter((v) => v !== null && !have.has(v));
      if (missing.length && add(t, selectWhere(db, t, pk, missing))) changed = true;
    }
    for (const t of links) {
      const owner = t.foreignKeys.find((fk) => fk.column === t.primaryKey[0]) ?? t.foreignKeys[0]!;
      if (add(t, selectWhere(db, t, owner.column, taken(owner.table, owner.to)))) changed = true;
    }
  }
  for (const t of plan.tables) {
    const list = rows.get(t.name);
    if (list && t.role !== 'case') list.sort((a, b) => compareKeys(t, a, b));
  }

  // Journal entries that name only records of the archive.
  const ids = new Set<unknown>();
  for (const t of plan.tables) if (t.columns.includes('id')) for (const r of rows.get(t.name) ?? []) ids.add(r.id);
  for (const t of plan.tables.filter((x) => x.role === 'journal')) {
    const all = db.prepare(`SELECT * FROM ${quote(t.name)} ORDER BY ${orderBy(t)}`).all() as Row[];
    add(t, all.filter((r) => journalBelongs(r, ids)));
  }
  return { rows, detached };
}

/** Record ids as the library makes them (ULIDs), and UUIDs, which a sync engine may bring. */
const RECORD_ID = /\b(?:[0-9A-HJKMNP-TV-Z]{26}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/g;

/**
 * Whether a journal entry (a trash row, an undo entry) concerns only records in `ids`: every
 * record id it names, in any column or inside its JSON, is one of them.
 */
export function journalBelongs(row: Row, ids: Set<unknown>): boolean {
  // An import's undo entry names its rows by rowid (db/bulk.ts), which mean other rows, or
  // none, in another library: it stays with the library it was made in.
  if (row.action === 'import') return false;
  const named = new Set<string>();
  for (const [column, value] of Object.entries(row)) {
    if (column === 'id' || typeof value !== 'string') continue;
    for (const m of value.matchAll(RECORD_ID)) named.add(m[0]);
  }
  return named.size > 0 && [...named].every((id) => ids.has(id));
}

function compareKeys(t: TableInfo, a: Row, b: Row): number {
  for (const c of t.primaryKey.length ? t.primaryKey : t.columns) {
    const x = a[c];
    const y = b[c];
    if (x === y) continue;
    if (x === null || x === undefined) return -1;
    if (y === null || y === undefined) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

// ---- writing a case back ---------------------------------------------------------------------

/** A single-column unique constraint other than the key (tags.name): how a shared record is found again. */
export function uniqueLookups(db: DB, t: TableInfo): string[][] {
  const indexes = db.prepare('SELECT name, "unique", origin, partial FROM pragma_index_list(?)').all(t.name) as { name: string; unique: number; origin: string; partial: number }[];
  return indexes
    .filter((i) => i.unique && i.origin !== 'pk' && !i.partial)
    .map((i) => (db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').all(i.name) as { name: string | null }[]).map((c) => c.name ?? ''))
    .filter((cols) => cols.length && cols.every((c) => c && t.columns.includes(c)));
}

/** Finds a row of `t` by the values of `columns` (its key, or a unique lookup). */
export function rowFinder(db: DB, t: TableInfo, columns: string[]): (values: unknown[]) => Row | undefined {
  const stmt = db.prepare(`SELECT * FROM ${quote(t.name)} WHERE ${columns.map((c) => `${quote(c)} = ?`).join(' AND ')}`);
  return (values) => stmt.get(...values) as Row | undefined;
}

/**
 * Inserts rows into `t` as they are (ids preserved): `fail` refuses a row whose key is taken,
 * `ignore` leaves the row already there. Answers the rows written (0 or 1).
 */
export function rowInserter(db: WriteDB, t: TableInfo, onConflict: 'fail' | 'ignore'): (row: Row) => number {
  const verb = onConflict === 'fail' ? 'INSERT' : 'INSERT OR IGNORE';
  const statements = new Map<string, Statement>();
  return (row) => {
    const columns = Object.keys(row);
    const sig = columns.join('\0');
    let stmt = statements.get(sig);
    if (!stmt) {
      stmt = db.prepare(`${verb} INTO ${quote(t.name)} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      statements.set(sig, stmt);
    }
    return stmt.run(...columns.map((c) => row[c])).changes;
  };
}

/** The title of the case with this id, trashed or not, if the library holds it. */
export function caseTitle(db: DB, caseId: string): string | undefined {
  return (db.prepare('SELECT title FROM cases WHERE id = ?').get(caseId) as { title: string } | undefined)?.title;
}

/** Deletes a case with everything that hangs from it (cascade) and its trash entries, to be replaced. */
export function deleteCaseRows(db: WriteDB, plan: SchemaPlan, caseId: string): void {
  if (plan.tables.some((t) => t.name === 'trash')) db.prepare('DELETE FROM trash WHERE case_id = ?').run(caseId);
  db.prepare('DELETE FROM cases WHERE id = ?').run(caseId);
}

/** Foreign keys are checked at commit, not row by row: rows may come in any order within the transaction. */
export function deferForeignKeys(db: WriteDB): void {
  db.pragma('defer_foreign_keys = ON');
}

/** Rows of `table` that refer to a record that does not exist. */
export function foreignKeyViolations(db: DB, table: string): { table: string; parent: string }[] {
  return db.prepare('SELECT "table", parent FROM pragma_foreign_key_check(?)').all(table) as { table: string; parent: string }[];
}
