// @vitest-environment jsdom
// The text the editor shows is the text the library derives from the saved note (for search
// and word counts): same lines, same words, whatever our nodes are in it.

import { $createLinkNode } from '@lexical/link';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import { $createLineBreakNode, $createParagraphNode, $createTextNode, $getRoot, createEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import { plainText } from '../../../../core/lexical-text';
import { $createClaimCitationNode } from '../nodes/ClaimCitationNode';
import { $createClaimMarkNode } from '../../../../shared/note-nodes/claim-mark';
import { $createDocumentCitationNode } from '../nodes/DocumentCitationNode';
import { $createExcerptCitationNode } from '../nodes/ExcerptCitationNode';
import { NOTE_NODES } from '../nodes';
import { $createSourceMentionNode } from '../../../../shared/note-nodes/source-mention';
import { readBlocks } from './dom-text';
import { countWords } from '../../../../shared/words';

function render(fill: () => void) {
  const editor = createEditor({
    namespace: 'parity',
    nodes: [...NOTE_NODES],
    onError: (e) => {
      throw e;
    },
  });
  const root = document.createElement('div');
  root.contentEditable = 'true';
  document.body.append(root);
  editor.setRootElement(root);
  editor.update(fill, { discrete: true });
  const shown = readBlocks(root).map((b) => b.text.replaceAll('\uFFFC', ''));
  const content = JSON.stringify(editor.getEditorState().toJSON());
  const editorText = editor.getEditorState().read(() => $getRoot().getTextContent());
  return { shown, content, editorText };
}

describe('plain text parity with the library', () => {
  it('gives the same lines and words for every kind of block and all our nodes', () => {
    const { shown, content, editorText } = render(() => {
      $getRoot().append(
        $createHeadingNode('h2').append($createTextNode('Precursor pipeline, 2019–2023')),
        $createParagraphNode().append(
          $createSourceMentionNode('S1', 'Anabel Hernández'),
          $createTextNode(' said shipments rose 40% '),
          $createClaimCitationNode('C1'),
          $createTextNode('. '),
          $createClaimMarkNode(['C2']).append($createTextNode('Brokers in Tianjin')),
          $createTextNode(' sell to the cartel’s buyers '),
          $createDocumentCitationNode('D1'),
          $createExcerptCitationNode('E1'),
          $createTextNode(' ('),
          $createLinkNode('https://example.org').append($createTextNode('report')),
          $createTextNode(').'),
        ),
        $createQuoteNode().append($createTextNode('“We know the route,”'), $createLineBreakNode(), $createTextNode('one official said.')),
        $createListNode('bullet').append(
          $createListItemNode().append($createTextNode('Sinaloa')),
          $createListItemNode().append($createListNode('number').append($createListItemNode().append($createTextNode('Jalisco, nested')))),
        ),
        $createParagraphNode(),
        $createParagraphNode().append($createTextNode('U.S. officials, e.g. the DEA, didn’t comment.')),
      );
    });
    const library = plainText(content);
    expect(library.split('\n').filter(Boolean)).toEqual(shown.flatMap((line) => line.split('\n')).filter(Boolean));
    expect(countWords(editorText)).toBe(countWords(library));
    expect(editorText.match(/\S+/g)).toEqual(library.match(/\S+/g));
  });

  it('counts words as a reporter does: one rule, for the note list and the status bar', () => {
    const cases: [string, number][] = [['', 0], ['one', 1], ['U.S. officials', 2], ['rock-and-roll 3,000 tonnes', 3], ['l’État dit', 2], ['  spaced\n\nout  ', 2]];
    for (const [text, words] of cases) expect(countWords(text), text).toBe(words);
  });

});
