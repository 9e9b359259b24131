// @vitest-environment jsdom
import { $createParagraphNode, $createRangeSelection, $createTextNode, $getRoot, $setSelection, createEditor, type LexicalEditor, type TextNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import { plainText } from '../../../../core/lexical-text';
import { NOTE_NODES } from '../nodes';
import { $insertCitation, $markSelection } from './insert';

/** A paragraph of text runs; every other run is bold, so that runs stay apart. */
function editorWith(...texts: string[]): LexicalEditor {
  const editor = createEditor({
    namespace: 'cite-test',
    nodes: [...NOTE_NODES],
    onError: (e) => {
      throw e;
    },
  });
  editor.update(() => $getRoot().append($createParagraphNode().append(...texts.map((t, i) => (i % 2 ? $createTextNode(t).toggleFormat('bold') : $createTextNode(t))))), { discrete: true });
  return editor;
}

const paragraph = (editor: LexicalEditor) =>
  (editor.getEditorState().toJSON().root.children[0] as unknown as { children: { type: string; text?: string; claimIds?: string[]; children?: { text: string }[] }[] }).children;

function select(editor: LexicalEditor, from: [number, number], to: [number, number]) {
  const texts = editor.getEditorState().read(() => $getRoot().getAllTextNodes().map((t: TextNode) => t.getKey()));
  const selection = $createRangeSelection();
  selection.anchor.set(texts[from[0]]!, from[1], 'text');
  selection.focus.set(texts[to[0]]!, to[1], 'text');
  $setSelection(selection);
  return selection;
}

describe('cite a selection', () => {
  it('wraps the selected words in a claim mark, splitting the text at the edges', () => {
    const editor = editorWith('Seizures rose 40% in 2021 at the border.');
    editor.update(() => $markSelection(select(editor, [0, 9], [0, 25]), 'C1'), { discrete: true });
    expect(paragraph(editor).map((n) => [n.type, n.text ?? n.children?.map((c) => c.text).join('')])).toEqual([
      ['text', 'Seizures '],
      ['claim-mark', 'rose 40% in 2021'],
      ['text', ' at the border.'],
    ]);
    expect(paragraph(editor)[1]?.claimIds).toEqual(['C1']);
    expect(plainText(JSON.stringify(editor.getEditorState().toJSON()))).toBe('Seizures rose 40% in 2021 at the border.');
  });

  it('adds a second claim to a mark covering the same words instead of nesting', () => {
    const editor = editorWith('Seizures rose 40%.');
    editor.update(() => $markSelection(select(editor, [0, 9], [0, 17]), 'C1'), { discrete: true });
    editor.update(() => $markSelection(select(editor, [1, 0], [1, 8]), 'C2'), { discrete: true });
    const marks = paragraph(editor).filter((n) => n.type === 'claim-mark');
    expect(marks).toHaveLength(1);
    expect(marks[0]?.claimIds).toEqual(['C1', 'C2']);
  });

  it('wraps a selection across formatted runs as one mark', () => {
    const editor = editorWith('One ', 'two ', 'three');
    editor.update(() => $markSelection(select(editor, [0, 0], [2, 5]), 'C1'), { discrete: true });
    expect(paragraph(editor).map((n) => n.type)).toEqual(['claim-mark']);
  });

  it('marks each paragraph of a selection across paragraphs with its own mark', () => {
    const editor = editorWith('First paragraph.');
    editor.update(() => $getRoot().append($createParagraphNode().append($createTextNode('Second paragraph.'))), { discrete: true });
    editor.update(() => $markSelection(select(editor, [0, 6], [1, 6]), 'C1'), { discrete: true });
    const blocks = editor.getEditorState().toJSON().root.children as unknown as { children: { type: string; claimIds?: string[] }[] }[];
    expect(blocks.map((b) => b.children.map((c) => c.type))).toEqual([
      ['text', 'claim-mark'],
      ['claim-mark', 'text'],
    ]);
    expect(plainText(JSON.stringify(editor.getEditorState().toJSON()))).toBe('First paragraph.\nSecond paragraph.');
  });
});

describe('insert a citation', () => {
  it('puts a chip at the cursor and a source name followed by a space', () => {
    const editor = editorWith('As said');
    editor.update(
      () => {
        $getRoot().selectEnd();
        $insertCitation({ type: 'claim', id: 'C1', title: 'x' });
        $insertCitation({ type: 'source', id: 'S1', title: 'Ana Solís' });
      },
      { discrete: true },
    );
    expect(paragraph(editor).map((n) => n.type)).toEqual(['text', 'claim-citation', 'source-mention', 'text']);
    expect(plainText(JSON.stringify(editor.getEditorState().toJSON()))).toBe('As saidAna Solís');
  });
});
