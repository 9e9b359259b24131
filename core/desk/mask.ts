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
import { compileRedactor, type Redactor, type WithheldValues } from '../redaction/engine.js';
import { fold, originalSpan } from '../redaction/fold.js';
import { WITHHELD_NAME } from './schema.js';

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

// ---------------------------------------------------------------------------------------------
// Text as it is typed (a live draft's twin, note-twin.ts): a name reaches the desk one keystroke
// at a time, so what is masked is judged before the word is whole, and inside other words too.

/** Fewer letters than this say nothing of a name: "Ma" leaves as typed, "Mar" does not. */
export const TYPED_PREFIX = 3;
/** A part of a name this long is masked wherever it stands, inside a longer word too. */
const INSIDE_WORD = 3;

export interface TypingMask {
  /**
   * Where `text` must be covered on the desk: every withheld value, even run into other words or
   * with separators inside it, and, before each caret (the end of what was just typed), the
   * letters that could be the start of one.
   */
  spans(text: string, carets: readonly number[]): [number, number][];
  /** Whether a string names a withheld value anywhere, inside words too (a check of what leaves). */
  holds(text: string): boolean;
  /** How far before a caret a covered start of a name can lie: beyond it nothing is judged again. */
  readonly reach: number;
}

/** Letters and digits only, folded, each with where in the original text it came from. */
function alnumView(text: string): { a: string; from: number[]; to: number[] } {
  const f = fold(text);
  let a = '';
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < f.text.length; i++) {
    const ch = f.text[i]!;
    if (!/[\p{L}\p{N}]/u.test(ch)) continue;
    const [s, e] = originalSpan(f, i, i + 1);
    a += ch;
    from.push(s);
    to.push(e);
  }
  return { a, from, to };
}

const alnum = (value: string) => alnumView(value).a;

export function typingMask(values: WithheldValues): TypingMask {
  const redactor = compileRedactor(values);
  const partsOf = (name: string) => name.split(/[^\p{L}\p{N}]+/u).map(alnum).filter((p) => p.length >= INSIDE_WORD);
  // Whole values (any separators or none), and each part of a person's name: what a word typed could become.
  const starts = [...new Set([...values.people, ...values.phrases, ...values.emails, ...values.domains, ...values.phones].map(alnum).concat(values.people.flatMap(partsOf)))].filter((v) => v.length >= TYPED_PREFIX);
  // Found inside other words: a person's name parts, and values written as one word (an e-mail, a handle).
  const inside = [...new Set([...values.people.flatMap(partsOf), ...[...values.phrases, ...values.emails].filter((v) => !/\s/u.test(v.trim())).map(alnum).filter((v) => v.length > INSIDE_WORD)])];
  const longest = Math.max(TYPED_PREFIX, ...starts.map((s) => s.length));
  const found = (text: string, carets: readonly number[]): [number, number][] => {
    const out: [number, number][] = [...redactor.find(text)];
    const view = alnumView(text);
    const span = (i: number, j: number) => out.push([view.from[i]!, view.to[j - 1]!]);
    for (const t of inside) for (let k = view.a.indexOf(t); k >= 0; k = view.a.indexOf(t, k + 1)) span(k, k + t.length);
    for (const caret of carets) {
      // The letters typed up to the caret, and the longest run of them ending there that begins a value.
      let end = 0;
      while (end < view.a.length && view.to[end]! <= caret) end++;
      for (let k = Math.min(end, longest); k >= TYPED_PREFIX; k--) {
        const typed = view.a.slice(end - k, end);
        if (starts.some((s) => s.startsWith(typed))) {
          span(end - k, end);
          break;
        }
      }
    }
    return out;
  };
  return {
    spans: found,
    holds: (text) => found(text, []).length > 0,
    // Separators between the letters a value is matched by stretch it: room for one after each.
    reach: longest * 2,
  };
}

/**
 * The typing mask of this library's withheld values; null when it withholds nothing. A source
 * the desk shared without its identity is named by a placeholder here: nothing to mask.
 */
export function libraryTypingMask(db: DB): TypingMask | null {
  const all = libraryWithheld(db, BUILT_IN_PROFILES.lawyer.fields);
  const values = { ...all, people: all.people.filter((n) => n !== WITHHELD_NAME), phrases: all.phrases.filter((n) => n !== WITHHELD_NAME) };
  if (Object.values(values).every((list) => list.length === 0)) return null;
  // Asked on every keystroke: compiled again only when the library's values change.
  const key = JSON.stringify(values);
  const known = compiled.get(db);
  if (known?.key === key) return known.mask;
  const mask = typingMask(values);
  compiled.set(db, { key, mask });
  return mask;
}

const compiled = new WeakMap<DB, { key: string; mask: TypingMask }>();

/** `text` with what `spans` cover replaced by █, one per character. */
export function coverSpans(text: string, spans: readonly [number, number][]): string {
  if (!spans.length) return text;
  const chars = text.split('');
  for (const [s, e] of spans) for (let i = s; i < e; i++) chars[i] = MASK;
  return chars.join('');
}
