// A note's plain text, read from its Lexical editor state without loading Lexical: search
// indexes it and word counts come from it. Done here, not trusted from the caller.

import { ApiError } from './errors.js';

interface LexicalNode {
  type?: unknown;
  text?: unknown;
  children?: unknown;
  [key: string]: unknown;
}

/** Block-level nodes end a line of plain text. */
const BLOCKS = new Set(['paragraph', 'heading', 'quote', 'listitem', 'list', 'code', 'root']);
const MAX_DEPTH = 200;

export function parseEditorState(content: string): LexicalNode {
  let state: unknown;
  try {
    state = JSON.parse(content);
  } catch {
    throw new ApiError('BAD_INPUT', 'The note’s content is not valid editor JSON.');
  }
  const root = (state as { root?: LexicalNode } | null)?.root;
  if (!root || typeof root !== 'object' || !Array.isArray(root.children)) {
    throw new ApiError('BAD_INPUT', 'The note’s content has no editor root.');
  }
  return root;
}

export function plainText(content: string): string {
  const out: string[] = [];
  const walk = (node: LexicalNode, depth: number) => {
    if (depth > MAX_DEPTH) throw new ApiError('BAD_INPUT', 'The note’s content is nested too deeply.');
    if (typeof node.text === 'string') out.push(node.text);
    else if (node.type === 'linebreak') out.push('\n');
    if (Array.isArray(node.children)) for (const child of node.children) if (child && typeof child === 'object') walk(child as LexicalNode, depth + 1);
    if (typeof node.type === 'string' && BLOCKS.has(node.type) && node.type !== 'root' && node.type !== 'list') out.push('\n');
  };
  walk(parseEditorState(content), 0);
  return out.join('').replace(/\n{3,}/g, '\n\n').trim();
}

/** An editor state holding `text` as paragraphs: for notes created from the CLI or the API. */
export function editorStateFromText(text: string): string {
  const paragraph = (line: string) => ({
    type: 'paragraph',
    version: 1,
    direction: null,
    format: '',
    indent: 0,
    textFormat: 0,
    textStyle: '',
    children: line ? [{ type: 'text', version: 1, text: line, format: 0, style: '', mode: 'normal', detail: 0 }] : [],
  });
  return JSON.stringify({
    root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: text.split(/\n/).map(paragraph) },
  });
}

/** Our citation nodes and the field naming what each points at (see renderer/src/editor). */
const CITATION_FIELDS = { claimId: 'claim', sourceId: 'source', documentId: 'document', excerptId: 'excerpt' } as const;
type CitationTarget = (typeof CITATION_FIELDS)[keyof typeof CITATION_FIELDS];

/**
 * What a note cites or mentions: claim citations, claim-marked passages (claimIds), source
 * mentions, document and excerpt citations. Saved beside the note so claims list their backlinks.
 */
export function citationsOf(content: string): { type: CitationTarget; id: string }[] {
  const out = new Map<string, { type: CitationTarget; id: string }>();
  const add = (type: CitationTarget, id: unknown) => {
    if (typeof id === 'string' && id.length > 0 && id.length <= 64) out.set(`${type}:${id}`, { type, id });
  };
  const walk = (node: LexicalNode, depth: number) => {
    if (depth > MAX_DEPTH) return;
    for (const [field, type] of Object.entries(CITATION_FIELDS)) add(type, node[field]);
    if (Array.isArray(node.claimIds)) for (const id of node.claimIds) add('claim', id);
    if (Array.isArray(node.children)) for (const child of node.children) if (child && typeof child === 'object') walk(child as LexicalNode, depth + 1);
  };
  walk(parseEditorState(content), 0);
  return [...out.values()];
}
