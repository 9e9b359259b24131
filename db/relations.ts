// Rows that hang off a record without being records themselves: tags and a claim's sources.

import type { DB, WriteDB } from './open.js';
import { newId, nowIso } from './ids.js';

export type Taggable = 'source' | 'claim' | 'document';

const TAG_TABLES: Record<Taggable, { table: string; key: string }> = {
  source: { table: 'source_tags', key: 'source_id' },
  claim: { table: 'claim_tags', key: 'claim_id' },
  document: { table: 'document_tags', key: 'document_id' },
};

/** Replaces a record's tags by `names` (case-insensitive; new names become tags). */
export function setTags(db: WriteDB, entity: Taggable, id: string, names: string[]): void {
  const { table, key } = TAG_TABLES[entity];
  db.prepare(`DELETE FROM ${table} WHERE ${key} = ?`).run(id);
  addTags(db, entity, id, names);
}

/** Gives a record that has none yet its tags: a new one (no DELETE to run, a million times in an import). */
export function addTags(db: WriteDB, entity: Taggable, id: string, names: string[]): void {
  const { table, key } = TAG_TABLES[entity];
  const find = db.prepare('SELECT id FROM tags WHERE name = ?');
  const create = db.prepare('INSERT INTO tags (id, created_at, updated_at, name) VALUES (?, ?, ?, ?)');
  const link = db.prepare(`INSERT OR IGNORE INTO ${table} (${key}, tag_id) VALUES (?, ?)`);
  for (const name of names) {
    let tag = find.get(name) as { id: string } | undefined;
    if (!tag) {
      const now = nowIso();
      tag = { id: newId() };
      create.run(tag.id, now, now, name);
    }
    link.run(id, tag.id);
  }
}

/** Tags of many records at once: id → names, sorted. */
export function tagsOf(db: DB, entity: Taggable, ids: string[]): Map<string, string[]> {
  const { table, key } = TAG_TABLES[entity];
  return groupBy(
    db,
    `SELECT x.${key} AS owner, t.name AS value FROM ${table} x JOIN tags t ON t.id = x.tag_id
     WHERE x.${key} IN (SELECT value FROM json_each(?)) ORDER BY t.name COLLATE NOCASE`,
    ids,
  );
}

export function listTags(db: DB): { id: string; name: string; uses: number }[] {
  return db
    .prepare(
      `SELECT t.id, t.name,
        (SELECT count(*) FROM source_tags WHERE tag_id = t.id) +
        (SELECT count(*) FROM claim_tags WHERE tag_id = t.id) +
        (SELECT count(*) FROM document_tags WHERE tag_id = t.id) AS uses
       FROM tags t ORDER BY t.name COLLATE NOCASE`,
    )
    .all() as { id: string; name: string; uses: number }[];
}

export function setClaimSources(db: WriteDB, claimId: string, sourceIds: string[]): void {
  db.prepare('DELETE FROM claim_sources WHERE claim_id = ?').run(claimId);
  addClaimSources(db, claimId, sourceIds);
}

/** Gives a new claim its sources (no DELETE to run first, as setClaimSources does). */
export function addClaimSources(db: WriteDB, claimId: string, sourceIds: string[]): void {
  const add = db.prepare('INSERT OR IGNORE INTO claim_sources (claim_id, source_id, position) VALUES (?, ?, ?)');
  sourceIds.forEach((sourceId, position) => add.run(claimId, sourceId, position));
}

export function sourcesOfClaims(db: DB, claimIds: string[]): Map<string, string[]> {
  return groupBy(
    db,
    `SELECT claim_id AS owner, source_id AS value FROM claim_sources
     WHERE claim_id IN (SELECT value FROM json_each(?)) ORDER BY position`,
    claimIds,
  );
}

function groupBy(db: DB, sql: string, ids: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  for (const row of db.prepare(sql).all(JSON.stringify(ids)) as { owner: string; value: string }[]) {
    out.get(row.owner)?.push(row.value);
  }
  return out;
}
