// Reading each index's words (spelling.ts) off the answering thread as soon as a long-lived door
// (the app, `corroborate serve`) opens a library. fts5vocab counts every list of an index to
// answer: at a million claims the first misspelt word searched would otherwise wait 5 s for the
// claims and 8 s for everything, on the thread that answers every keystroke.
//
// A worker opens the library on a read-only connection of its own (db/off-thread.ts: the driver,
// an encrypted library's key) and, in ONE read transaction, reads each index's structure record,
// the leaf pages that identify the segments it lists, and its vocabulary. The words travel back
// as one joined string and typed arrays (transferred, not copied: not 461,000 small objects), and
// are installed as if read whole at that moment: a write since is a segment the structure did
// not list, which the next search takes in through spelling's incremental path.
//
// The structure records are sent first and the worker waits for the pages to read: parsing them
// is fts5-segments.ts's job, kept in one place, and the worker's transaction stays open meanwhile,
// so pages and words are of the same moment as the structure.

import { identityPages, segments } from './fts5-segments.js';
import type { Passphrase } from './cipher.js';
import { libraryWorker } from './off-thread.js';
import type { DB } from './open.js';
import { installWords, joinedLexicon, sharedPrefixes, SPELLING_INDEXES, warmingEnded, warmingStarted, type Index } from './spelling.js';

// The worker computes each lexicon's shared prefixes as well (a walk over 6 MB of words at a
// million claims: tens of milliseconds kept off the answering thread), with spelling's own function.
const SCRIPT = `
const sharedPrefixes = ${sharedPrefixes.toString()};
let db;
const post = (m, transfer) => parentPort.postMessage(m, transfer);
try {
  db = openReadOnly();
  const began = Date.now();
  // A read transaction starts at its first read: every read below sees the same moment.
  db.prepare('BEGIN').run();
  const structures = w.indexes.map((i) => db.prepare('SELECT block FROM ' + i + '_words_data WHERE id = 10').pluck().get() ?? null);
  post({ kind: 'structures', structures });
  parentPort.once('message', ({ pages }) => {
    try {
      w.indexes.forEach((index, n) => {
        const read = db.prepare('SELECT block FROM ' + index + '_words_data WHERE id = ?').pluck();
        const leaves = pages[n].map((id) => [id, read.get(id)]).filter(([, page]) => page);
        const terms = [];
        const starts = [0];
        const docs = [];
        let length = 0;
        for (const [term, doc] of db.prepare('SELECT term, doc FROM ' + index + '_words_vocab').raw().iterate()) {
          terms.push(term);
          length += term.length;
          starts.push(length);
          docs.push(doc);
        }
        const s = Int32Array.from(starts);
        const d = Int32Array.from(docs);
        const text = terms.join('');
        const shared = sharedPrefixes(text, s);
        post({ kind: 'words', index, text, starts: s, docs: d, shared, leaves }, [s.buffer, d.buffer, shared.buffer]);
      });
      db.prepare('COMMIT').run();
      post({ kind: 'done', began, ended: Date.now() });
    } catch (err) {
      post({ kind: 'failed', code: err && err.code, message: String(err && err.message) });
    } finally {
      db.close();
    }
  });
} catch (err) {
  post({ kind: 'failed', code: err && err.code, message: String(err && err.message) });
  if (db && db.open) db.close();
}
`;

type FromWorker =
  | { kind: 'structures'; structures: (Uint8Array | null)[] }
  | { kind: 'words'; index: Index; text: string; starts: Int32Array; docs: Int32Array; shared: Uint8Array; leaves: [bigint, Uint8Array][] }
  | { kind: 'done'; began: number; ended: number }
  | { kind: 'failed'; code?: string; message: string };

export interface WarmUp {
  /** Settles when the warm-up ends: the indexes installed (none when it was stopped or failed). */
  done: Promise<Index[]>;
  /** Stops it (the library closes, locks, or is switched): nothing more is installed. */
  stop(): void;
}

/**
 * Reads the words of `indexes` of the library open on `db` (at `path`) off this thread and
 * installs them into spelling's cache for `db`. A search meanwhile corrects from the indexes
 * already installed (and from small ones, read at once) and says the others were not ready.
 * Never rejects: a warm-up that fails leaves spelling to read whole when asked, as it would have.
 */
export function warmSpelling(db: DB, path: string, passphrase?: Passphrase, indexes: readonly Index[] = SPELLING_INDEXES): WarmUp {
  warmingStarted(db, indexes);
  const installed: Index[] = [];
  let stopped = false;
  let settle: (installed: Index[]) => void = () => {};
  const done = new Promise<Index[]>((resolve) => (settle = resolve));
  let ended = false;
  const end = (why?: string) => {
    if (ended) return;
    ended = true;
    if (why && !stopped) console.error(`corroborate: the words for spelling suggestions will be read when first needed (${why}).`);
    warmingEnded(db, indexes);
    settle(stopped ? [] : installed);
  };
  let worker: ReturnType<typeof libraryWorker>;
  try {
    worker = libraryWorker(SCRIPT, path, passphrase, { indexes: [...indexes] });
  } catch (err) {
    end((err as Error).message);
    return { done, stop: () => {} };
  }
  // Never a reason for the process to stay up: a door quitting mid-way drops it.
  worker.unref();
  let structures: (Uint8Array | null)[] = [];
  worker.on('message', (m: FromWorker) => {
    if (stopped) return;
    if (!db.open) return stop();
    if (m.kind === 'structures') {
      structures = m.structures;
      observer?.snapshot?.();
      // A structure that does not read lists no pages: installWords then declines it.
      worker.postMessage({ pages: structures.map((s) => identityPages(segments(s) ?? [])) });
    } else if (m.kind === 'words') {
      const structure = structures[indexes.indexOf(m.index)];
      const lex = joinedLexicon(m.text, m.starts, m.docs, m.shared);
      if (installWords(db, m.index, structure ? Buffer.from(structure) : null, lex, new Map(m.leaves))) installed.push(m.index);
    } else if (m.kind === 'done') {
      observer?.done?.({ began: m.began, ended: m.ended });
      end();
    } else end(m.message);
  });
  function stop() {
    if (stopped) return;
    stopped = true;
    void worker.terminate();
    end();
  }
  worker.once('error', (err) => end(err.message));
  worker.once('exit', () => end());
  return { done, stop };
}

/**
 * For tests and the benchmark: `snapshot` is called once the worker's transaction has read the
 * structure records (a write after it is not in what the worker reads), `done` with when the
 * transaction ran (ms since the epoch).
 */
interface Observer {
  snapshot?: () => void;
  done?: (span: { began: number; ended: number }) => void;
}
let observer: Observer | undefined;

export function observeWarmUp(fn: Observer | undefined): void {
  observer = fn;
}
