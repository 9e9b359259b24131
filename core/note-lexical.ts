// The part of the note check that needs Lexical: parsing a note headless against exactly the
// nodes the editor registers, and the shapes its tree may take. Loaded only when a note is
// checked (core/note-content.ts), so commands that touch no note start without Lexical.

import { createHeadlessEditor } from '@lexical/headless';
import { $isLinkNode } from '@lexical/link';
import { $isListItemNode, $isListNode } from '@lexical/list';
import { $getRoot, $isDecoratorNode, $isElementNode, $isRootNode, type EditorState, type LexicalEditor, type LexicalNode, type SerializedEditorState } from 'lexical';
import { ClaimCitationData } from '../shared/note-nodes/claim-citation.js';
import { ClaimMarkNode } from '../shared/note-nodes/claim-mark.js';
import { DocumentCitationData } from '../shared/note-nodes/document-citation.js';
import { ExcerptCitationData } from '../shared/note-nodes/excerpt-citation.js';
import { noteNodes } from '../shared/note-nodes/index.js';
import { isSafeUrl } from '../shared/note-nodes/safe-url.js';
import { SourceMentionNode } from '../shared/note-nodes/source-mention.js';
import { ApiError } from './errors.js';
import { refuse, type JsonObject } from './note-content.js';

// A co-edited note's document is read and written through the same lazily loaded part.
export { editFor, noteStateOf, seedUpdate } from './note-doc.js';

/** Ids are ULIDs or UUIDs; the backlinks ignore anything longer (core/lexical-text.ts). */
const MAX_ID = 64;

/** What a note's tree may look like: the shapes the editor itself builds. */
function $checkTree(): void {
  const id = (value: string, what: string) => {
    if (value.length === 0 || value.length > MAX_ID) refuse(`${what} names no valid record`);
  };
  const visit = (node: LexicalNode) => {
    const parent = node.getParent();
    const block = $isElementNode(node) && !node.isInline();
    if (parent && $isRootNode(parent)) {
      if (!block || $isListItemNode(node)) refuse(`a “${node.getType()}” node cannot stand on its own line`);
    } else if (parent && $isListNode(parent)) {
      if (!$isListItemNode(node)) refuse(`a list holds a “${node.getType()}” node instead of list items`);
    } else if (parent) {
      if ($isListItemNode(node)) refuse('a list item is outside a list');
      if (block && !($isListNode(node) && $isListItemNode(parent))) refuse(`a “${node.getType()}” node is inside a line of text`);
    }
    if ($isDecoratorNode(node) && !node.isInline()) refuse(`a “${node.getType()}” node cannot stand on its own line`);
    if ($isLinkNode(node) && !isSafeUrl(node.getURL())) refuse('a link goes somewhere other than a web, mail or phone address');
    if (node instanceof ClaimCitationData) id(node.getClaimId(), 'a claim citation');
    if (node instanceof DocumentCitationData) id(node.getDocumentId(), 'a document citation');
    if (node instanceof ExcerptCitationData) id(node.getExcerptId(), 'an excerpt citation');
    if (node instanceof SourceMentionNode) id(node.getSourceId(), 'a source mention');
    // A mark left with no claim is only words (an API client un-cites a passage so).
    if (node instanceof ClaimMarkNode) for (const claim of node.getClaimIds()) id(claim, 'a cited passage');
    if ($isElementNode(node)) for (const child of node.getChildren()) visit(child);
  };
  visit($getRoot());
}

let editor: LexicalEditor | undefined;

/** One headless editor for every check: parsing a state does not change the editor. */
function headless(): LexicalEditor {
  editor ??= createHeadlessEditor({
    namespace: 'corroborate-note',
    nodes: noteNodes(),
    onError: (error) => {
      throw error;
    },
  });
  return editor;
}

/**
 * Lexical's reading of the sent state (its own serialisation of what it parsed) and the check of
 * the tree's shape, to run once the fields were compared; BAD_INPUT when Lexical cannot parse it.
 */
export function parseNote(sent: JsonObject): { parsed: JsonObject; checkTree: () => void } {
  let editorState: EditorState;
  try {
    editorState = headless().parseEditorState(sent as unknown as SerializedEditorState);
    return { parsed: editorState.toJSON() as unknown as JsonObject, checkTree: () => editorState.read($checkTree) };
  } catch (error) {
    if (error instanceof ApiError) throw error;
    // An error inside Lexical's parser (a stack overflow on a malformed tree) may leave the
    // editor mid-update: the next check starts with a fresh one.
    editor = undefined;
    const unknownType = /type "([^"]{1,40})"[^"]*not found/.exec((error as Error).message)?.[1];
    refuse(unknownType ? `it holds a node of type “${unknownType}”, which the editor does not know` : 'its nodes are not put together the way the editor builds them');
  }
}
