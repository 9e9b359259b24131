// A live draft for a library that holds confidential identities (docs/sync.md §1, §5): two Yjs
// documents per note. L is the library's and its editors': the text as typed. S is what goes
// upstream to the desk. Every change to L is made to S at the same place, in the same shape (the
// mask is one █ per character, so places agree), its words masked as they are typed: a withheld
// value wherever it stands, and the letters before the caret that could begin one ("Mar" leaves
// as "███", and becomes "Mark" once the word turns out to be Mark). Every change the desk makes to
// S is made to L at the same place: a █ nobody touched still holds the holder's letters in L.
//
// Nothing of a withheld value is ever inserted into S, not even for the length of a transaction:
// what S receives is masked before it is written.

import * as Y from 'yjs';
import { coverSpans, MASK, type TypingMask } from './mask.js';
import { NOTE_ROOT } from './schema.js';

/** Origin of what the twin writes into either document (not mirrored back). */
export const TWIN = Symbol('twin');

/** What one change of either document made, as the updates of both: kept together, in one write. */
export interface TwinChange {
  local: Uint8Array | null;
  shared: Uint8Array | null;
  /** The origin of the change that started it (an editor, the desk's provider…); TWIN when the twin started S. */
  origin: unknown;
}

export class TwinOutOfStep extends Error {
  constructor(where: string) {
    super(`The note's shared copy no longer matches it (${where}): it is not sent to the desk.`);
  }
}

// Any shared type of a note (its events are typed per kind; the twin handles each by its class).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Shared = Y.AbstractType<any>;
type DeltaOp = { insert?: unknown; retain?: number; delete?: number; attributes?: Record<string, unknown> };

const rootOf = (doc: Y.Doc) => doc.get(NOTE_ROOT, Y.XmlText);
const isDeleted = (t: Shared) => t._item?.deleted === true;

/** The child of `parent` under `key`: an index into a text (embeds count one) or element, or a map's key. */
function childAt(parent: Shared, key: string | number): Shared | undefined {
  if (parent instanceof Y.Map) return parent.get(String(key)) as Shared | undefined;
  if (parent instanceof Y.Text) {
    let pos = 0;
    for (const op of parent.toDelta() as DeltaOp[]) {
      if (typeof op.insert === 'string') {
        pos += op.insert.length;
        continue;
      }
      if (pos === key) return op.insert instanceof Y.AbstractType ? (op.insert as Shared) : undefined;
      pos += 1;
    }
    return undefined;
  }
  if (parent instanceof Y.XmlFragment || parent instanceof Y.Array) return (parent as Y.Array<unknown>).get(Number(key)) as Shared | undefined;
  return undefined;
}

function resolve(doc: Y.Doc, path: (string | number)[]): Shared {
  let at: Shared | undefined = rootOf(doc) as Shared;
  for (const key of path) {
    at = childAt(at, key);
    if (!at) throw new TwinOutOfStep(`no ${key} under ${path.join('/')}`);
  }
  return at;
}

/** Where a type is, from the note's root: the keys and positions `resolve` follows. */
function pathOf(type: Shared): (string | number)[] {
  const path: (string | number)[] = [];
  for (let t = type; t._item; ) {
    const item = t._item;
    const parent = item.parent as Shared;
    if (item.parentSub !== null) path.unshift(item.parentSub);
    else if (parent instanceof Y.Text) {
      let pos = 0;
      for (const op of parent.toDelta() as DeltaOp[]) {
        if (op.insert === t) break;
        pos += typeof op.insert === 'string' ? op.insert.length : 1;
      }
      path.unshift(pos);
    } else path.unshift((parent as Y.Array<unknown>).toArray().indexOf(t));
    t = parent;
  }
  return path;
}

/** A relative position (as JSON) of one document at the same place in the other; null when it points nowhere. */
function movedPosition(position: unknown, from: Y.Doc, to: Y.Doc): unknown {
  try {
    const abs = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(position), from);
    if (!abs) return null;
    const target = resolve(to, pathOf(abs.type as Shared));
    return Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(target, abs.index, abs.assoc));
  } catch {
    // A cursor in a place the other document has not got yet: shown once it moves again.
    return null;
  }
}

/** A text's characters (embeds as null) and the formatting of each, by position. */
function charsOf(text: Y.Text): { chars: (string | null)[]; attrs: (Record<string, unknown> | undefined)[] } {
  const chars: (string | null)[] = [];
  const attrs: (Record<string, unknown> | undefined)[] = [];
  for (const op of text.toDelta() as DeltaOp[]) {
    if (typeof op.insert === 'string') {
      for (const ch of op.insert.split('')) {
        chars.push(ch);
        attrs.push(op.attributes);
      }
    } else {
      chars.push(null);
      attrs.push(op.attributes);
    }
  }
  return { chars, attrs };
}

/** Where the typing of one change to a text ended (after each insert, at each delete), in the text as it is now. */
function caretsOf(delta: DeltaOp[]): number[] {
  const carets: number[] = [];
  let pos = 0;
  for (const op of delta) {
    if (op.retain !== undefined) pos += op.retain;
    else if (op.delete !== undefined) carets.push(pos);
    else {
      pos += typeof op.insert === 'string' ? op.insert.length : 1;
      carets.push(pos);
    }
  }
  return carets;
}

/** The masked letters of a whole text, by position (embeds as null), with carets in text positions. */
function maskedChars(mask: TypingMask, chars: (string | null)[], carets: readonly number[]): { want: (string | null)[]; plainAt: number[]; caretsPlain: number[] } {
  const plainAt: number[] = [];
  let plain = '';
  chars.forEach((ch, pos) => {
    if (ch === null) return;
    plainAt.push(pos);
    plain += ch;
  });
  const caretsPlain = carets.map((c) => plainAt.filter((p) => p < c).length);
  const covered = coverSpans(plain, mask.spans(plain, caretsPlain));
  const want: (string | null)[] = chars.map(() => null);
  plainAt.forEach((pos, i) => (want[pos] = covered[i]!));
  return { want, plainAt, caretsPlain };
}

export class NoteTwin {
  private pendingLocal: Uint8Array | null = null;
  private pendingShared: Uint8Array | null = null;
  private readonly offLocal: () => void;
  private readonly offShared: () => void;

  /**
   * Links `local` (L) and `shared` (S), which hold the note as the library last kept them.
   * `quiet(origin)`: changes that are kept in the library already, with their twin (read back from
   * it): not mirrored, not reported.
   */
  constructor(
    readonly local: Y.Doc,
    readonly shared: Y.Doc,
    /** Replaced when the library's withheld values change (a source made confidential). */
    public mask: TypingMask,
    private readonly report: (change: TwinChange) => void,
    private readonly quiet: (origin: unknown) => boolean = () => false,
  ) {
    const l = rootOf(local);
    const s = rootOf(shared);
    this.start(l, s);
    const onL = (events: Y.YEvent<Shared>[], tr: Y.Transaction) => {
      if (tr.origin !== TWIN && !this.quiet(tr.origin)) this.shared.transact(() => this.toShared(events), TWIN);
    };
    const onS = (events: Y.YEvent<Shared>[], tr: Y.Transaction) => {
      if (tr.origin !== TWIN && !this.quiet(tr.origin)) this.local.transact(() => this.toLocal(events), TWIN);
    };
    l.observeDeep(onL);
    s.observeDeep(onS);
    const onLUpdate = (u: Uint8Array, origin: unknown) => this.updated('local', u, origin);
    const onSUpdate = (u: Uint8Array, origin: unknown) => this.updated('shared', u, origin);
    local.on('update', onLUpdate);
    shared.on('update', onSUpdate);
    this.offLocal = () => {
      l.unobserveDeep(onL);
      local.off('update', onLUpdate);
    };
    this.offShared = () => {
      s.unobserveDeep(onS);
      shared.off('update', onSUpdate);
    };
  }

  /**
   * A cursor (an editor's awareness state: Lexical's anchorPos and focusPos are positions
   * relative to items of one document) at the same place in the other document: the two have
   * the same places, not the same items.
   */
  cursor(state: Record<string, unknown>, toShared: boolean): Record<string, unknown> {
    const [from, to] = toShared ? [this.local, this.shared] : [this.shared, this.local];
    const out = { ...state };
    for (const key of ['anchorPos', 'focusPos']) if (out[key]) out[key] = movedPosition(out[key], from, to);
    return out;
  }

  /** Stops mirroring (the documents stay as they are). */
  close(): void {
    this.offLocal();
    this.offShared();
  }

  /**
   * A note one side of which is new: L from what the desk holds (a library that just joined), or
   * S from L (a note this library held alone, or co-edited before it held a confidential identity:
   * the same items the desk has, so nothing doubles; any withheld value in it is masked now).
   */
  private start(l: Y.XmlText, s: Y.XmlText): void {
    if (l.length === 0 && s.length > 0) Y.applyUpdate(this.local, Y.encodeStateAsUpdate(this.shared), TWIN);
    else if (s.length === 0 && l.length > 0) {
      this.shared.transact(() => {
        Y.applyUpdate(this.shared, Y.encodeStateAsUpdate(this.local), TWIN);
      }, TWIN);
    }
    // Whatever either side held when the twin was last closed: S masks what L withholds.
    this.shared.transact(() => this.maskAll(l, s), TWIN);
    if (this.pendingLocal || this.pendingShared) this.flush(TWIN);
  }

  private updated(side: 'local' | 'shared', update: Uint8Array, origin: unknown): void {
    if (this.quiet(origin)) return;
    if (origin === TWIN) {
      if (side === 'local') this.pendingLocal = this.pendingLocal ? Y.mergeUpdates([this.pendingLocal, update]) : update;
      else this.pendingShared = this.pendingShared ? Y.mergeUpdates([this.pendingShared, update]) : update;
      return;
    }
    // The change that started it comes last (its observers ran the mirror first).
    if (side === 'local') this.pendingLocal = this.pendingLocal ? Y.mergeUpdates([this.pendingLocal, update]) : update;
    else this.pendingShared = this.pendingShared ? Y.mergeUpdates([this.pendingShared, update]) : update;
    this.flush(origin);
  }

  private flush(origin: unknown): void {
    const change = { local: this.pendingLocal, shared: this.pendingShared, origin };
    this.pendingLocal = null;
    this.pendingShared = null;
    this.report(change);
  }

  // -------------------------------------------------------------------------------------------
  // L → S

  private toShared(events: Y.YEvent<Shared>[]): void {
    for (const event of events) {
      if (isDeleted(event.target)) continue;
      const target = resolve(this.shared, event.path);
      this.copyKeys(event, target, (v) => this.maskedCopy(v));
      if (event.target instanceof Y.Text && target instanceof Y.Text) {
        const delta = event.delta as DeltaOp[];
        const carets = caretsOf(delta);
        const { want } = maskedChars(this.mask, charsOf(event.target).chars, carets);
        this.replayText(delta, target, (pos, s) => want.slice(pos, pos + s.length).join(''), (v) => this.maskedCopy(v));
        this.reconcile(event.target, target, carets);
      } else if (!(event.target instanceof Y.Map)) {
        this.replayList(event.delta as DeltaOp[], target, (v) => this.maskedCopy(v));
      }
    }
  }

  /** S's letters of `s` as L's `l` masks them: covered where L withholds; uncovered near the carets, where typing showed a word is no name. */
  private reconcile(l: Y.Text, s: Y.Text, carets: readonly number[] | null): void {
    const mine = charsOf(l);
    const theirs = charsOf(s);
    if (mine.chars.length !== theirs.chars.length) throw new TwinOutOfStep('a text of different length');
    const { want } = maskedChars(this.mask, mine.chars, carets ?? []);
    const near = (pos: number) =>
      carets !== null &&
      carets.some((c) => {
        if (pos < c - this.mask.reach) return false;
        let end = c;
        while (end < mine.chars.length && /[\p{L}\p{N}]/u.test(mine.chars[end] ?? '')) end++;
        return pos < end;
      });
    const change: number[] = [];
    for (let pos = 0; pos < want.length; pos++) {
      const w = want[pos];
      const have = theirs.chars[pos];
      if (w === null || have === null || have === w) continue;
      // Covered always; uncovered only what this library covered (its own letter is there) and typing reached.
      if (w === MASK || (have === MASK && mine.chars[pos] !== MASK && near(pos))) change.push(pos);
    }
    // Runs of changed letters with the same formatting, from the end (earlier places stay put).
    for (let k = change.length - 1; k >= 0; ) {
      let first = k;
      while (first > 0 && change[first - 1] === change[first]! - 1 && theirs.attrs[change[first - 1]!] === theirs.attrs[change[k]!]) first--;
      const from = change[first]!;
      const to = change[k]! + 1;
      s.delete(from, to - from);
      s.insert(from, want.slice(from, to).join(''), theirs.attrs[from] ?? {});
      k = first - 1;
    }
  }

  private maskAll(l: Shared, s: Shared): void {
    if (l instanceof Y.Text && s instanceof Y.Text) {
      this.reconcile(l, s, null);
      const ls = l.toDelta() as DeltaOp[];
      const ss = s.toDelta() as DeltaOp[];
      ls.forEach((op, i) => {
        const other = ss[i]?.insert;
        if (op.insert instanceof Y.AbstractType && other instanceof Y.AbstractType) this.maskAll(op.insert as Shared, other as Shared);
      });
    }
    if ((l instanceof Y.Map || l instanceof Y.Text || l instanceof Y.XmlElement) && (s instanceof Y.Map || s instanceof Y.Text || s instanceof Y.XmlElement)) {
      for (const [key, value] of entriesOf(l)) if (typeof value === 'string' && this.mask.holds(value)) setKey(s, key, this.maskedCopy(value));
    }
  }

  /** A value of L as S may hold it: strings masked, types copied with their texts masked. */
  private maskedCopy(value: unknown): unknown {
    if (typeof value === 'string') return coverSpans(value, this.mask.spans(value, [value.length]));
    return this.copy(value, (v) => this.maskedCopy(v), (text) => {
      const chars = charsOf(text).chars;
      const { want } = maskedChars(this.mask, chars, [chars.length]);
      return (pos, s) => want.slice(pos, pos + s.length).join('');
    });
  }

  // -------------------------------------------------------------------------------------------
  // S → L

  private toLocal(events: Y.YEvent<Shared>[]): void {
    const asIs = (v: unknown): unknown => this.copy(v, asIs, () => (_pos, s) => s);
    for (const event of events) {
      if (isDeleted(event.target)) continue;
      const target = resolve(this.local, event.path);
      this.copyKeys(event, target, asIs);
      if (event.target instanceof Y.Text && target instanceof Y.Text) this.replayText(event.delta as DeltaOp[], target, (_pos, s) => s, asIs);
      else if (!(event.target instanceof Y.Map)) this.replayList(event.delta as DeltaOp[], target, asIs);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Both ways

  private copyKeys(event: Y.YEvent<Shared>, target: Shared, copy: (v: unknown) => unknown): void {
    const source = event.target;
    for (const key of event.changes.keys.keys()) {
      const value = getKey(source, key);
      if (value === undefined) deleteKey(target, key);
      else setKey(target, key, copy(value));
    }
  }

  private replayText(delta: DeltaOp[], target: Y.Text, text: (pos: number, s: string) => string, copy: (v: unknown) => unknown): void {
    let pos = 0;
    for (const op of delta) {
      if (op.retain !== undefined) {
        if (op.attributes) target.format(pos, op.retain, op.attributes);
        pos += op.retain;
      } else if (op.delete !== undefined) {
        target.delete(pos, op.delete);
      } else if (typeof op.insert === 'string') {
        target.insert(pos, text(pos, op.insert), op.attributes ?? {});
        pos += op.insert.length;
      } else {
        target.insertEmbed(pos, copy(op.insert) as object, op.attributes ?? {});
        pos += 1;
      }
    }
  }

  private replayList(delta: DeltaOp[], target: Shared, copy: (v: unknown) => unknown): void {
    const list = target as unknown as Y.Array<unknown>;
    let pos = 0;
    for (const op of delta) {
      if (op.retain !== undefined) pos += op.retain;
      else if (op.delete !== undefined) list.delete(pos, op.delete);
      else {
        const items = (op.insert as unknown[]).map(copy);
        list.insert(pos, items as never[]);
        pos += items.length;
      }
    }
  }

  /** A fresh copy of a type of one document for the other (its texts through `text`); plain values as they are. */
  private copy(value: unknown, each: (v: unknown) => unknown, text: (t: Y.Text) => (pos: number, s: string) => string): unknown {
    if (!(value instanceof Y.AbstractType)) return value;
    if (value instanceof Y.Text) {
      const out = value instanceof Y.XmlText ? new Y.XmlText() : new Y.Text();
      for (const [k, v] of entriesOf(value)) setKey(out, k, each(v));
      this.replayText(value.toDelta() as DeltaOp[], out, text(value), each);
      return out;
    }
    if (value instanceof Y.Map) {
      const out = new Y.Map<unknown>();
      for (const [k, v] of value.entries()) out.set(k, each(v));
      return out;
    }
    if (value instanceof Y.XmlElement) {
      const out = new Y.XmlElement(value.nodeName);
      for (const [k, v] of Object.entries(value.getAttributes())) out.setAttribute(k, each(v) as string);
      out.insert(0, value.toArray().map(each) as Y.XmlElement[]);
      return out;
    }
    if (value instanceof Y.Array) return Y.Array.from(value.toArray().map(each) as never[]);
    throw new TwinOutOfStep(`a ${value.constructor.name} the twin does not know`);
  }
}

function entriesOf(t: Shared): [string, unknown][] {
  if (t instanceof Y.Map) return [...t.entries()];
  if (t instanceof Y.Text || t instanceof Y.XmlElement) return Object.entries((t as Y.XmlText).getAttributes());
  return [];
}

function getKey(t: Shared, key: string): unknown {
  if (t instanceof Y.Map) return t.get(key);
  if (t instanceof Y.Text || t instanceof Y.XmlElement) return (t as Y.XmlText).getAttribute(key);
  return undefined;
}

function setKey(t: Shared, key: string, value: unknown): void {
  if (t instanceof Y.Map) t.set(key, value);
  else if (t instanceof Y.Text || t instanceof Y.XmlElement) (t as Y.XmlText).setAttribute(key, value as string);
}

function deleteKey(t: Shared, key: string): void {
  if (t instanceof Y.Map) t.delete(key);
  else if (t instanceof Y.Text || t instanceof Y.XmlElement) (t as Y.XmlText).removeAttribute(key);
}

/** Whether a type holds anything of a withheld value, in its letters, its attributes or anything embedded in it. */
function holdsDeep(t: Shared, mask: TypingMask): boolean {
  for (const [, v] of entriesOf(t)) if (typeof v === 'string' ? mask.holds(v) : v instanceof Y.AbstractType && holdsDeep(v as Shared, mask)) return true;
  if (t instanceof Y.Text) {
    let plain = '';
    for (const op of t.toDelta() as DeltaOp[]) {
      if (typeof op.insert === 'string') plain += op.insert;
      else if (op.insert instanceof Y.AbstractType && holdsDeep(op.insert as Shared, mask)) return true;
    }
    return mask.holds(plain);
  }
  if (t instanceof Y.XmlElement || t instanceof Y.Array) return (t as Y.Array<unknown>).toArray().some((v) => v instanceof Y.AbstractType && holdsDeep(v as Shared, mask));
  return false;
}

/** Whether S holds anything of a withheld value, anywhere. */
export function sharedHolds(doc: Y.Doc, mask: TypingMask): boolean {
  return holdsDeep(rootOf(doc) as Shared, mask);
}

/**
 * Whether applying `update` to `doc` leaves a withheld value in what it changed: each text it
 * changed, whole (a name typed one letter per update is whole there), and what it inserted. A
 * check per keystroke, so it reads the paragraph typed in rather than the whole note.
 */
export function applyAndCheck(doc: Y.Doc, update: Uint8Array, mask: TypingMask): boolean {
  const root = rootOf(doc);
  let holds = false;
  const check = (events: Y.YEvent<Shared>[]) => {
    for (const event of events) {
      if (holds || isDeleted(event.target)) continue;
      const t = event.target;
      if (t instanceof Y.Text) {
        const plain = (t.toDelta() as DeltaOp[]).map((op) => (typeof op.insert === 'string' ? op.insert : '\n')).join('');
        holds = mask.holds(plain) || (event.delta as DeltaOp[]).some((op) => op.insert instanceof Y.AbstractType && holdsDeep(op.insert as Shared, mask));
      } else if (t instanceof Y.Map) {
        holds = [...event.changes.keys.keys()].some((k) => {
          const v: unknown = t.get(k);
          return typeof v === 'string' ? mask.holds(v) : v instanceof Y.AbstractType && holdsDeep(v as Shared, mask);
        });
      } else holds = holdsDeep(t, mask);
      for (const key of event.changes.keys.keys()) {
        const v = getKey(t, key);
        if (typeof v === 'string' && mask.holds(v)) holds = true;
      }
    }
  };
  root.observeDeep(check);
  try {
    Y.applyUpdate(doc, update);
  } finally {
    root.unobserveDeep(check);
  }
  return holds;
}

/** The places of a note's document: where its texts and embeds are, not what the letters say. Two documents a twin can link have the same. */
export function shapeOf(doc: Y.Doc): string {
  const walk = (t: Shared): string => {
    if (t instanceof Y.Map) return `m{${[...t.keys()].sort().join(',')}}`;
    if (t instanceof Y.Text) return `t[${(t.toDelta() as DeltaOp[]).map((op) => (typeof op.insert === 'string' ? String(op.insert.length) : op.insert instanceof Y.AbstractType ? walk(op.insert as Shared) : 'e')).join(',')}]`;
    if (t instanceof Y.XmlElement || t instanceof Y.Array) return `l[${(t as Y.Array<unknown>).toArray().map((v) => (v instanceof Y.AbstractType ? walk(v as Shared) : 'v')).join(',')}]`;
    return '?';
  };
  return walk(rootOf(doc) as Shared);
}
