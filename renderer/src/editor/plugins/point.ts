// The caret where something is dropped: the browser's caret at the pointer, as an editor
// selection.

import { $createRangeSelection, $getNearestNodeFromDOMNode, $isTextNode, $setSelection } from 'lexical';

function caretAt(x: number, y: number): { node: Node; offset: number } | null {
  const doc = document as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null };
  const position = doc.caretPositionFromPoint?.(x, y);
  if (position) return { node: position.offsetNode, offset: position.offset };
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}

/** Moves the selection to the drop point; false when the point is not in the text. */
export function $selectAtPoint(x: number, y: number, root: HTMLElement | null): boolean {
  const caret = caretAt(x, y);
  if (!caret || !root?.contains(caret.node)) return false;
  const node = $getNearestNodeFromDOMNode(caret.node);
  if (!node) return false;
  const selection = $createRangeSelection();
  if ($isTextNode(node)) {
    const offset = Math.min(caret.offset, node.getTextContentSize());
    selection.anchor.set(node.getKey(), offset, 'text');
    selection.focus.set(node.getKey(), offset, 'text');
  } else {
    const parent = node.getParent();
    if (!parent) return false;
    const index = node.getIndexWithinParent() + 1;
    selection.anchor.set(parent.getKey(), index, 'element');
    selection.focus.set(parent.getKey(), index, 'element');
  }
  $setSelection(selection);
  return true;
}
