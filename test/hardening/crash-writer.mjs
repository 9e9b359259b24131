// The child of the SIGKILL test: writes claims through the library's own code (openLibrary,
// insertRecord, updateRecord: the FTS triggers fire as they do in the app) as fast as it can,
// and prints each claim's id once its transaction has committed. Plain JS, so it starts in
// ~0.1 s without a TypeScript loader; argv[2] is the compiled db/index.js to use.
//   node crash-writer.mjs <db/index.js> <library path>

import { writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [dbModule, libraryPath] = process.argv.slice(2);
const { openLibrary, insertRecord, updateRecord, getRecord } = await import(pathToFileURL(dbModule).href);

// An encrypted library's passphrase comes in the environment, never in the arguments.
const db = openLibrary(libraryPath, process.env.CRASH_PASSPHRASE ? { passphrase: process.env.CRASH_PASSPHRASE } : {});
const existing = db.prepare('SELECT id FROM cases ORDER BY id LIMIT 1').pluck().get();
const caseId = existing ?? db.transaction(() => insertRecord(db, 'case', { title: 'Crash test', description: '' }).id)();
writeSync(1, 'ready\n');

const words = ['precursor', 'shipment', 'cartel', 'port', 'Lázaro Cárdenas', 'customs', 'broker', 'fentanyl', 'invoice', 'chemical', 'Manzanillo', 'tonnes'];
const sentence = (i, n) => Array.from({ length: n }, (_, k) => words[(i * 7 + k * 3) % words.length]).join(' ');

const claim = (i) => ({
  caseId,
  // Now and then a statement long enough to need overflow pages.
  statement: `Claim ${i}: ${sentence(i, i % 13 === 0 ? 600 : 12 + (i % 40))}`,
  quote: i % 3 === 0 ? sentence(i + 1, 20) : '',
  quoteKind: i % 3 === 0 ? 'verbatim' : 'paraphrase',
  saidOn: null,
  medium: 'interview',
  attribution: 'on_record',
  status: 'unverified',
});

let previous;
const write = db.transaction((i) => {
  const row = insertRecord(db, 'claim', claim(i));
  // The FTS update and delete triggers too: an earlier claim reworded, a scratch claim removed.
  if (previous && i % 5 === 0) updateRecord(db, 'claim', previous, { statement: `Reworded ${i}: ${sentence(i + 2, 15)}` }, getRecord(db, 'claim', previous).revision);
  if (i % 7 === 0) db.prepare('DELETE FROM claims WHERE id = ?').run(insertRecord(db, 'claim', claim(i + 1)).id);
  return row.id;
});

for (let i = 0; ; i++) {
  const id = write(i);
  previous = id;
  writeSync(1, `${id}\n`);
}
