// What never leaves the machine must not ride out inside the words either: a claim quoting a
// confidential source by name, a document whose author field is her e-mail, a note that rings her
// number. Every string a library writes into a shared case passes through the desk's mask: each
// value the packet engine would withhold under the lawyer's profile (a confidential source's
// name, in parts, initials and spellings, its aliases, and every source's contact details, found
// by core/redaction/) is covered by as many █ as it has characters, so offsets into a text —
// a passage's start and end — stay right on every machine.
//
// Coming back, a field whose desk value is the mask of this library's own value is left alone; a
// field another member changed keeps this library's words under each █ run they left untouched,
// found again by the words around it (at least four characters of the twelve on either side). The mask is this library's: a member who never held the
// identity has nothing to mask and nothing to restore.

import { createHash } from 'node:crypto';
import type { DB } from '../../db/index.js';
import { BUILT_IN_PROFILES } from '../export/profiles.js';
import { libraryWithheld, scrubDeep } from '../export/redaction.js';
import { compileRedactor, type Redactor } from '../redaction/engine.js';

export const MASK = '█';

/** How far on each side of a █ run its surroundings are compared, and how much of them must agree. */
const CONTEXT = 12;
const MIN_CONTEXT = 4;

export interface DeskMask {
  /** Nothing to withhold: every value leaves as it is. */
  readonly empty: boolean;
  /** Names what the mask withholds without holding it: two masks with the same digest mask alike. */
  readonly digest: string;
  /** Whether a text names anything withheld (an original file's words, say). */
  holds(text: string): boolean;
  /** The value as the desk may see it. */
  mask(entity: string, field: string, value: unknown): unknown;
  /** The desk's value with this library's words put back under the runs of █ that still stand for them. */
  restore(entity: string, field: string, remote: unknown, local: unknown): unknown;
}

const isJsonField = (entity: string, field: string) => entity === 'note' && field === 'content';

function maskText(redactor: Redactor, text: string): string {
  const spans = redactor.find(text);
  if (!spans.length) return text;
  let out = '';
  let at = 0;
  // Spans may overlap (a whole name and a part of it): what any of them covers is covered.
  for (const [start, end] of [...spans].sort((x, y) => x[0] - y[0])) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    out += text.slice(at, from) + MASK.repeat(end - from);
    at = end;
  }
  return out + text.slice(at);
}

/** Every string inside a value, in order (a note's JSON: its text nodes and attributes). */
function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsOf(v, out);
  return out;
}

/** How many characters two strings share at their ends (`fromEnd`) or starts. */
function shared(a: string, b: string, fromEnd: boolean): number {
  let n = 0;
  const max = Math.min(a.length, b.length);
  while (n < max && (fromEnd ? a[a.length - 1 - n] === b[b.length - 1 - n] : a[n] === b[n])) n++;
  return n;
}

/**
 * `remote` with each maximal run of █ that `masked` also has, between the same words, replaced by
 * what `plain` holds there (`masked` is `plain` masked: the two have the same length). The run
 * of `masked` whose surroundings agree best with the remote run's, over at least four
 * characters, is the one it stands for; a run moved among other words stays masked.
 */
function restoreText(remote: string, masked: string, plain: string): string {
  if (!remote.includes(MASK)) return remote;
  return remote.replace(/█+/g, (run, at: number) => {
    const before = remote.slice(Math.max(0, at - CONTEXT), at);
    const after = remote.slice(at + run.length, at + run.length + CONTEXT);
    let best = -1;
    let score = MIN_CONTEXT - 1;
    for (let k = masked.indexOf(run); k >= 0; k = masked.indexOf(run, k + 1)) {
      if (masked[k - 1] === MASK || masked[k + run.length] === MASK) continue;
      const agree = shared(before, masked.slice(Math.max(0, k - CONTEXT), k), true) + shared(after, masked.slice(k + run.length, k + run.length + CONTEXT), false);
      if (agree > score) [best, score] = [k, agree];
    }
    return best < 0 ? run : plain.slice(best, best + run.length);
  });
}

function parsed(value: unknown): unknown {
  try {
    return typeof value === 'string' ? JSON.parse(value) : undefined;
  } catch {
    return undefined;
  }
}

/** The desk's mask for this library: built from every source it holds (trashed ones too). */
export function deskMask(db: DB): DeskMask {
  const values = libraryWithheld(db, BUILT_IN_PROFILES.lawyer.fields);
  const digest = createHash('sha256').update(JSON.stringify(values)).digest('hex');
  if (Object.values(values).every((list) => list.length === 0)) {
    return { empty: true, digest, holds: () => false, mask: (_e, _f, v) => v, restore: (_e, _f, remote) => remote };
  }
  const redactor = compileRedactor(values);
  const text = (s: string) => maskText(redactor, s);
  const mask = (entity: string, field: string, value: unknown): unknown => {
    if (isJsonField(entity, field)) {
      const tree = parsed(value);
      // Content that is not JSON is refused by the editor's checks anyway: masked as plain text.
      return tree === undefined ? scrubDeep(value, text) : JSON.stringify(scrubDeep(tree, text));
    }
    return scrubDeep(value, text);
  };
  const restore = (entity: string, field: string, remote: unknown, local: unknown): unknown => {
    if (local === undefined || local === null) return remote;
    if (isJsonField(entity, field)) {
      const tree = parsed(remote);
      const mine = parsed(local);
      if (tree === undefined || mine === undefined || typeof remote !== 'string' || !remote.includes(MASK)) return remote;
      const plain = stringsOf(mine).join('\u0000');
      const masked = stringsOf(scrubDeep(mine, text)).join('\u0000');
      return JSON.stringify(scrubDeep(tree, (s) => restoreText(s, masked, plain)));
    }
    if (typeof remote === 'string' && typeof local === 'string') return restoreText(remote, text(local), local);
    if (Array.isArray(remote) && Array.isArray(local)) {
      const plain = stringsOf(local).join('\u0000');
      const masked = stringsOf(scrubDeep(local, text)).join('\u0000');
      return scrubDeep(remote, (s) => restoreText(s, masked, plain));
    }
    return remote;
  };
  return { empty: false, digest, holds: (t) => redactor.holds(t), mask, restore };
}
