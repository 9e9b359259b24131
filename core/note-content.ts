// A note's content is checked before it is stored: parsed headless by Lexical against exactly
// the nodes the editor registers (shared/note-nodes), so a note the API, a script or an archive
// hands us is one the editor can open. Lexical's own parser is forgiving (an unknown field is
// dropped, a wrong value becomes a default): what it gives back is compared with what was sent,
// and any difference is refused rather than silently changed. Two things are normalised instead
// of refused, because pasted text carries them: inline styles (`style`, `textStyle`) are dropped.
// What is stored is Lexical's own serialisation of the checked state.

import { createRequire } from 'node:module';
import { ApiError } from './errors.js';
import { LIMITS } from './schemas.js';

/** Deeper than any list a reporter nests; Lexical's parser recurses, so a depth bomb stops here. */
export const MAX_NOTE_DEPTH = 64;
/** Fields that only style text: dropped on save, never refused. */
const STYLE_FIELDS = ['style', 'textStyle'];

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function refuse(reason: string): never {
  throw new ApiError('BAD_INPUT', `The note’s content cannot be opened by the editor: ${reason}. Nothing was saved.`);
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const nameOf = (node: JsonObject) => (typeof node.type === 'string' ? `a “${node.type.slice(0, 40)}” node` : 'a node');

/**
 * The sent state with its styles dropped, after checking its shape Lexical relies on without
 * checking: every node an object with a type, children a list, and no deeper than MAX_NOTE_DEPTH.
 */
function withoutStyles(state: unknown): JsonObject {
  if (!isObject(state) || !isObject(state.root)) refuse('it has no editor root');
  const extra = Object.keys(state).filter((k) => k !== 'root');
  if (extra.length) refuse(`it has a field “${extra[0]!.slice(0, 40)}” beside the root`);
  const copy = (node: Json, depth: number): JsonObject => {
    if (depth > MAX_NOTE_DEPTH) refuse(`it is nested too deeply (more than ${MAX_NOTE_DEPTH} levels)`);
    if (!isObject(node) || typeof node.type !== 'string') refuse('one of its nodes has no type');
    // Lexical gives every root node the same key: a root inside the tree would be the tree's own
    // root again, a cycle its parser follows for ever.
    if (depth > 0 && node.type === 'root') refuse('it has a root node inside it');
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      // Assigned to a plain object, "__proto__" would become the copy's prototype, and Lexical
      // would read fields from it that this check never saw.
      if (key === '__proto__') refuse(`${nameOf(node)} has a field “__proto__” the editor does not know`);
      if (STYLE_FIELDS.includes(key) && typeof value === 'string') out[key] = '';
      else if (key === 'children') {
        if (!Array.isArray(value)) refuse(`${nameOf(node)} has children that are not a list`);
        out.children = value.map((child) => copy(child, depth + 1));
      } else out[key] = value;
    }
    return out;
  };
  const root = copy(state.root, 0);
  if (root.type !== 'root' || !Array.isArray(root.children)) refuse('its root is not an editor root with a list of children');
  return { root };
}

function sameJson(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => sameJson(a[k], b[k]));
  }
  return false;
}

/**
 * Every field sent must come back from Lexical as sent: a field it does not know is gone, a
 * value outside its schema's domain comes back changed. A field left out is fine (Lexical's
 * default is what the editor would write).
 */
function compare(sent: JsonObject, parsed: JsonObject): void {
  for (const [key, value] of Object.entries(sent)) {
    if (key === 'children') continue;
    if (!(key in parsed)) refuse(`${nameOf(sent)} has a field “${key.slice(0, 40)}” the editor does not know`);
    if (!sameJson(value, parsed[key])) refuse(`${nameOf(sent)} has a “${key.slice(0, 40)}” the editor cannot read`);
  }
  const sentChildren = (sent.children ?? []) as JsonObject[];
  const parsedChildren = (parsed.children ?? []) as JsonObject[];
  if (sentChildren.length !== parsedChildren.length) refuse(`${nameOf(sent)} holds nodes it cannot hold`);
  sentChildren.forEach((child, i) => compare(child, parsedChildren[i]!));
}

type LexicalPart = typeof import('./note-lexical.js');
let lexicalPart: LexicalPart | undefined;

/**
 * Lexical and the editor's nodes, loaded on the first note checked: a command that touches no
 * note (`stats`, `search`) starts without them (they were a third of the CLI's start-up). Loaded
 * with require, which takes an ES module synchronously (Node ≥ 20.19, Electron's Node), so the
 * handlers stay synchronous.
 */
function lexical(): LexicalPart {
  lexicalPart ??= createRequire(import.meta.url)('./note-lexical.js') as LexicalPart;
  return lexicalPart;
}

/** Reading and writing a co-edited note's Yjs document (core/note-doc.ts), loaded the same way. */
export function noteDocs(): Pick<LexicalPart, 'editFor' | 'noteStateOf' | 'seedUpdate'> {
  return lexical();
}

/**
 * Hands the Lexical part over when it was loaded by import: the TypeScript test runner can
 * import note-lexical.ts but not require it.
 */
export function provideLexical(part: LexicalPart): void {
  lexicalPart = part;
}

/**
 * The note content to store for `content` (Lexical editor JSON), or BAD_INPUT saying what the
 * editor could not open: an unknown node, a field it does not know or cannot read, a tree it
 * never builds, an unsafe link, a citation naming nothing, nesting deeper than MAX_NOTE_DEPTH.
 */
export function checkedNoteContent(content: string): string {
  // The API's schema says so too; an archive's rows come here without it.
  if (content.length > LIMITS.noteContent) refuse('it is larger than 5 MB');
  let state: unknown;
  try {
    state = JSON.parse(content);
  } catch {
    refuse('it is not valid editor JSON');
  }
  const sent = withoutStyles(state);
  const { parsed, checkTree } = lexical().parseNote(sent);
  // Fields first: a citation whose id was not a string reads as empty to the tree check.
  compare(sent.root as JsonObject, parsed.root as JsonObject);
  checkTree();
  return JSON.stringify(parsed);
}
