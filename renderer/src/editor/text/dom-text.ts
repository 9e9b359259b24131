// The note's text as the reader sees it, read from the editor's DOM block by block, and spans of
// it turned back into DOM ranges for highlighting (find, uncited sentences). Reading the DOM
// rather than the editor state keeps highlights off the undo history and out of the saved note.

import { joined, type Piece, type Span } from './uncited';

export interface Block {
  pieces: Piece[];
  /** The DOM node of each piece: a text node, or an element (a chip's host, a line break). */
  targets: (Text | HTMLElement)[];
  text: string;
  starts: number[];
}

const BLOCK = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre';

export function readBlocks(root: HTMLElement): Block[] {
  const byElement = new Map<Element, { pieces: Piece[]; targets: (Text | HTMLElement)[] }>();
  const add = (node: Text | HTMLElement, piece: Piece) => {
    const block = (node instanceof Text ? node.parentElement : node)?.closest(BLOCK);
    if (!block || !root.contains(block)) return;
    let entry = byElement.get(block);
    if (!entry) byElement.set(block, (entry = { pieces: [], targets: [] }));
    entry.pieces.push(piece);
    entry.targets.push(node);
  };
  const visit = (parent: Node) => {
    for (let node = parent.firstChild; node; node = node.nextSibling) {
      if (node instanceof Text) {
        if (node.data) add(node, { text: node.data, cited: node.parentElement?.closest('mark.claim-mark') != null });
      } else if (node instanceof HTMLElement) {
        // A chip's own words (a status, a title) are not the note's.
        if (node.dataset.citation) add(node, { cite: true });
        else if (node.tagName === 'BR') add(node, { text: '\n', cited: false });
        else if (node.contentEditable !== 'false') visit(node);
      }
    }
  };
  visit(root);
  return [...byElement.values()].map((b) => ({ ...b, ...joined(b.pieces) }));
}

/** The DOM point at `offset`: inside a text piece, or just before (start) or after (end) a chip. */
function point(block: Block, offset: number, edge: 'start' | 'end'): [Node, number] | null {
  for (let i = block.pieces.length - 1; i >= 0; i--) {
    const start = block.starts[i]!;
    if (edge === 'start' ? start > offset : start >= offset) continue;
    const target = block.targets[i]!;
    if (target instanceof Text) return [target, Math.min(offset - start, target.length)];
    const parent = target.parentNode;
    if (!parent) return null;
    const index = Array.prototype.indexOf.call(parent.childNodes, target) as number;
    return [parent, edge === 'start' ? index : index + 1];
  }
  return null;
}

export function rangeOf(block: Block, span: Span): Range | null {
  const start = point(block, span.start, 'start');
  const end = point(block, span.end, 'end');
  if (!start || !end) return null;
  const range = document.createRange();
  range.setStart(...start);
  range.setEnd(...end);
  return range;
}
