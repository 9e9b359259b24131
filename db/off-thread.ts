// SQLite work that reads a whole library, run in a worker thread on a connection of its own, so
// the thread that answers the app and `corroborate serve` keeps answering meanwhile: the
// quick_check of a backup (every page read: seconds at 100,000 claims), and an encrypted
// library's backup copy (VACUUM INTO through its key, which cannot be made in steps).
//
// The worker is a small CommonJS script evaluated from this module (the same code under the
// TypeScript test runner and compiled): it loads the driver db/driver.ts names, by the path this
// module resolves. A passphrase travels in workerData (copied inside the process, never in
// arguments) and is wiped there once the key is set.

import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { passphraseBytes, wrongPassphrase, type Passphrase } from './cipher.js';
import { devOverride } from './dev-overrides.js';
import { DRIVER_PACKAGE } from './driver-name.js';

const require = createRequire(import.meta.url);

/**
 * The start of every worker script: `openReadOnly()` opens the library (workerData.path) on a
 * read-only connection of the worker's own, through its key when workerData.key holds one, and
 * wipes the key once it is set.
 */
const OPEN = `
const { parentPort, workerData: w } = require('node:worker_threads');
const Database = require(w.driver);
function openReadOnly() {
  const db = new Database(w.path, { readonly: true, fileMustExist: true, ...(w.nativeBinding ? { nativeBinding: w.nativeBinding } : {}) });
  try {
    if (w.key) {
      db.pragma("cipher = 'sqlcipher'");
      db.pragma('legacy = 4');
      db.key(Buffer.from(w.key));
      w.key.fill(0);
      db.pragma('temp_store = MEMORY');
    }
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return db;
  } catch (err) {
    db.close();
    throw err;
  } finally {
    if (w.key) w.key.fill(0);
  }
}
`;

const WORKER = `
let db;
try {
  db = openReadOnly();
  const started = Date.now();
  let result;
  if (w.op === 'check') result = db.pragma(w.check + '(10)').map((r) => String(Object.values(r)[0] ?? ''));
  else { db.prepare('VACUUM INTO ?').run(w.dest); result = []; }
  parentPort.postMessage({ ok: true, result, started, ended: Date.now() });
} catch (err) {
  parentPort.postMessage({ ok: false, code: err && err.code, message: String(err && err.message) });
} finally {
  if (db && db.open) db.close();
}
`;

/**
 * A worker running `script` (which starts with OPEN's `openReadOnly`) on the library at `path`,
 * with `data` beside it in workerData. The passphrase is copied into workerData and wiped here.
 */
export function libraryWorker(script: string, path: string, passphrase: Passphrase | undefined, data: Record<string, unknown>): Worker {
  const key = passphrase === undefined ? undefined : passphraseBytes(passphrase);
  const nativeBinding = devOverride('CORROBORATE_NATIVE_BINDING');
  try {
    return new Worker(`${OPEN}${script}`, { eval: true, workerData: { ...data, driver: require.resolve(DRIVER_PACKAGE), path, key, nativeBinding } });
  } finally {
    key?.fill(0);
  }
}

interface Job {
  path: string;
  passphrase?: Passphrase;
  op: 'check' | 'vacuum';
  check?: 'quick_check' | 'integrity_check';
  dest?: string;
}

/** When each piece of off-thread work ran (ms since the epoch), for tests that prove the thread was free. */
export type Observer = (span: { op: Job['op']; started: number; ended: number }) => void;
let observer: Observer | undefined;

export function observeOffThread(fn: Observer | undefined): void {
  observer = fn;
}

class OffThreadError extends Error {
  constructor(
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

function run(job: Job): Promise<string[]> {
  const worker = libraryWorker(WORKER, job.path, job.passphrase, { op: job.op, check: job.check, dest: job.dest });
  return new Promise((resolve, reject) => {
    let answered = false;
    worker.once('message', (m: { ok: true; result: string[]; started: number; ended: number } | { ok: false; code?: string; message: string }) => {
      answered = true;
      if (m.ok) {
        observer?.({ op: job.op, started: m.started, ended: m.ended });
        resolve(m.result);
      } else if (m.code === 'SQLITE_NOTADB' && job.passphrase !== undefined) reject(wrongPassphrase());
      else reject(new OffThreadError(m.code, m.message));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`The checking thread stopped (${code}) before it answered.`));
    });
  });
}

/** SQLite's quick_check (or integrity_check) of a library file, off the main thread: its findings ('ok' alone when sound). */
export function checkOffThread(path: string, passphrase?: Passphrase, check: 'quick_check' | 'integrity_check' = 'quick_check'): Promise<string[]> {
  return run({ path, op: 'check', check, ...(passphrase !== undefined ? { passphrase } : {}) });
}

/** A consistent copy of a library (VACUUM INTO, through its key when it has one), off the main thread. */
export async function copyOffThread(path: string, dest: string, passphrase?: Passphrase): Promise<void> {
  await run({ path, op: 'vacuum', dest, ...(passphrase !== undefined ? { passphrase } : {}) });
}
