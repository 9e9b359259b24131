// A note or story draft as a packet shows it: Lexical JSON read into blocks of runs, each citation
// numbered in order of first use (footnote n is what the n-th distinct citation points at), and
// where each citation's words lie in the draft's plain text.

import { parseEditorState } from '../lexical-text.js';
import type { Note } from '../../db/index.js';
import type { PacketBlock, PacketCitation, PacketRun } from './packet.js';

export type DraftTarget = { type: 'claim' | 'document' | 'excerpt' | 'source'; id: string };
type Mention = { kind: 'mention'; text: string; sourceId: string };
type DraftRun = PacketRun | Mention;

export interface Draft {
  note: Note;
  blocks: { kind: PacketBlock['kind']; level?: number; ordered?: boolean; runs: DraftRun[] }[];
  /** What the note cites, in order of first citation: footnote n is targets[n - 1]. */
  targets: DraftTarget[];
  /** Sources mentioned by name (no footnote; listed among the sources). */
  mentions: string[];
}

interface Node {
  type?: unknown;
  text?: unknown;
  format?: unknown;
  tag?: unknown;
  listType?: unknown;
  url?: unknown;
  children?: unknown;
  [key: string]: unknown;
}

const CITES: Record<string, [DraftTarget['type'], string]> = {
  'claim-citation': ['claim', 'claimId'],
  'document-citation': ['document', 'documentId'],
  'excerpt-citation': ['excerpt', 'excerptId'],
};

export function readDraft(note: Note): Draft {
  const targets: DraftTarget[] = [];
  const numberOf = (t: DraftTarget) => {
    let i = targets.findIndex((x) => x.type === t.type && x.id === t.id);
    if (i < 0) i = targets.push(t) - 1;
    return i + 1;
  };
  const blocks: Draft['blocks'] = [];
  const children = (n: Node): Node[] => (Array.isArray(n.children) ? (n.children.filter((c) => c && typeof c === 'object') as Node[]) : []);

  const inline = (n: Node, runs: DraftRun[], href?: string, depth = 0): void => {
    if (depth > 100) return;
    const type = String(n.type ?? '');
    const cite = CITES[type];
    if (cite) {
      const id = n[cite[1]];
      if (typeof id === 'string') runs.push({ kind: 'cite', n: numberOf({ type: cite[0], id }) });
      return;
    }
    if (type === 'linebreak') return void runs.push({ kind: 'break' });
    if (type === 'source-mention' && typeof n.sourceId === 'string') {
      return void runs.push({ kind: 'mention', text: String(n.text ?? ''), sourceId: n.sourceId });
    }
    if (typeof n.text === 'string') {
      const format = typeof n.format === 'number' ? n.format : 0;
      const safeHref = href && /^https?:\/\//i.test(href) ? href : undefined;
      return void runs.push({ kind: 'text', text: n.text, ...(format & 1 ? { bold: true } : {}), ...(format & 2 ? { italic: true } : {}), ...(safeHref ? { href: safeHref } : {}) });
    }
    const link = type === 'link' || type === 'autolink' ? (typeof n.url === 'string' ? n.url : undefined) : href;
    for (const c of children(n)) inline(c, runs, link, depth + 1);
    // A passage marked as cited by claims: its claims follow the words, as footnotes.
    if (type === 'claim-mark' && Array.isArray(n.claimIds)) {
      for (const id of n.claimIds) if (typeof id === 'string') runs.push({ kind: 'cite', n: numberOf({ type: 'claim', id }) });
    }
  };

  const block = (n: Node, depth: number, ordered?: boolean): void => {
    if (depth > 100) return;
    const type = String(n.type ?? '');
    if (type === 'list') {
      for (const c of children(n)) block(c, depth + 1, n.listType === 'number');
      return;
    }
    if (type === 'listitem' && children(n).some((c) => c.type === 'list')) {
      for (const c of children(n)) block(c, depth + 1, ordered);
      return;
    }
    const kind: PacketBlock['kind'] =
      type === 'heading' ? 'heading' : type === 'quote' ? 'quote' : type === 'listitem' ? 'item' : type === 'code' ? 'code' : 'paragraph';
    const runs: DraftRun[] = [];
    for (const c of children(n)) inline(c, runs, undefined, depth + 1);
    const level = kind === 'heading' ? Math.min(6, Math.max(1, Number(/^h([1-6])$/.exec(String(n.tag))?.[1] ?? 2))) : undefined;
    blocks.push({ kind, ...(level ? { level } : {}), ...(kind === 'item' ? { ordered: Boolean(ordered) } : {}), runs });
  };

  for (const c of children(parseEditorState(note.content) as Node)) block(c, 0);
  const mentions = [...new Set(blocks.flatMap((b) => b.runs.flatMap((r) => (r.kind === 'mention' ? [r.sourceId] : []))))];
  return { note, blocks, targets, mentions };
}

/** The draft's plain text (blocks joined by blank lines) and where each citation's words lie in it. */
export function layout(blocks: PacketBlock[]): { text: string; citations: PacketCitation[] } {
  let text = '';
  const citations: PacketCitation[] = [];
  blocks.forEach((b, i) => {
    if (i > 0) text += '\n\n';
    let spanStart = text.length;
    for (const r of b.runs) {
      if (r.kind === 'text') text += r.text;
      else if (r.kind === 'break') text += '\n';
      else {
        // The cited words: from the previous citation (or the block's start) to this one, trimmed.
        const raw = text.slice(spanStart);
        const lead = raw.length - raw.trimStart().length;
        const exact = raw.trim();
        if (exact) citations.push({ n: r.n, exact, start: spanStart + lead, end: spanStart + lead + exact.length });
        spanStart = text.length;
      }
    }
  });
  return { text, citations };
}
