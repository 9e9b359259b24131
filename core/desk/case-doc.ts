// A shared case's Yjs document as the library last saw it: rebuilt from the updates it keeps.

import * as Y from 'yjs';
import { syncUpdates, type DB } from '../../db/index.js';

export function loadDoc(db: DB, caseId: string): Y.Doc {
  const doc = new Y.Doc();
  const updates = syncUpdates(db, caseId).map((u) => u.data);
  if (updates.length) Y.applyUpdate(doc, Y.mergeUpdates(updates));
  return doc;
}
