// @vitest-environment jsdom
// Pasted styles do not survive in the editor, whichever way they come in.

import { $generateNodesFromDOM } from '@lexical/html';
import { $createParagraphNode, $getRoot, $isTextNode, $parseSerializedNode, createEditor, type LexicalEditor, type SerializedLexicalNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import { NOTE_NODES } from '../nodes';
import { registerNoInlineStyles } from './styles';

function editorWithoutStyles(): LexicalEditor {
  const editor = createEditor({ namespace: 'test', nodes: [...NOTE_NODES], onError: (e) => { throw e; } });
  registerNoInlineStyles(editor);
  return editor;
}

function texts(editor: LexicalEditor): [string, string, number][] {
  return editor.getEditorState().read(() => $getRoot().getAllTextNodes().map((n) => [n.getTextContent(), n.getStyle(), $isTextNode(n) ? n.getFormat() : -1]));
}

describe('inline styles', () => {
  it('are dropped from pasted HTML; its emphasis stays', () => {
    const editor = editorWithoutStyles();
    const dom = new DOMParser().parseFromString('<p><span style="color: red; font-weight: bold; background: url(https://tracker.example/p.gif)">Loud</span> quiet</p>', 'text/html');
    editor.update(() => void $getRoot().append(...$generateNodesFromDOM(editor, dom)), { discrete: true });
    const [loud, quiet] = texts(editor);
    expect(loud?.slice(0, 2)).toEqual(['Loud', '']);
    expect(loud?.[2]).toBeGreaterThan(0);
    expect(quiet?.[1]).toBe('');
  });

  it('are dropped from Lexical’s own clipboard JSON (which another page can forge), mentions included', () => {
    const editor = editorWithoutStyles();
    const forged: SerializedLexicalNode[] = [
      { type: 'text', version: 1, text: 'Styled', format: 0, style: 'color: red', mode: 'normal', detail: 0 } as SerializedLexicalNode,
      { type: 'source-mention', version: 1, sourceId: 'S1', name: 'N', text: 'N', format: 0, style: 'font-size: 90px', mode: 'token', detail: 0 } as SerializedLexicalNode,
    ];
    editor.update(() => void $getRoot().append($createParagraphNode().append(...forged.map((n) => $parseSerializedNode(n)))), { discrete: true });
    expect(texts(editor).map(([text, style]) => [text, style])).toEqual([['Styled', ''], ['N', '']]);
  });
});
