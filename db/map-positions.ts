// Where the reporter left the claim map's nodes in a case (as laid out, or dragged), by node id:
// read by the map view and by the packet's picture of the map (core/export/map.ts).

import type { DB, WriteDB } from './open.js';

export type MapPositions = Record<string, { x: number; y: number }>;

export function savedPositions(db: DB, caseId: string): MapPositions {
  const rows = db.prepare('SELECT node_id, x, y FROM map_positions WHERE case_id = ?').all(caseId) as { node_id: string; x: number; y: number }[];
  return Object.fromEntries(rows.map((r) => [r.node_id, { x: r.x, y: r.y }]));
}

/** Merges `placed` into what is kept (with `reset`, forgets the case's positions first). */
export function savePositions(db: WriteDB, caseId: string, placed: MapPositions, reset = false): void {
  if (reset) db.prepare('DELETE FROM map_positions WHERE case_id = ?').run(caseId);
  const put = db.prepare('INSERT INTO map_positions (case_id, node_id, x, y) VALUES (?, ?, ?, ?) ON CONFLICT (case_id, node_id) DO UPDATE SET x = excluded.x, y = excluded.y');
  for (const [node, { x, y }] of Object.entries(placed)) put.run(caseId, node, x, y);
}
