// @vitest-environment jsdom
// Each node of ours survives a save and a load unchanged, in the exact shape the server reads.

import { $generateNodesFromDOM } from '@lexical/html';
import { $createAutoLinkNode, $createLinkNode } from '@lexical/link';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import { checkedNoteContent } from '../../../../core/note-content';
import { $createLineBreakNode, $createParagraphNode, $createTabNode, $createTextNode, $getRoot, $isTextNode, createEditor, type LexicalEditor, type SerializedLexicalNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import { $createClaimCitationNode, $isClaimCitationNode } from './ClaimCitationNode';
import { $createClaimMarkNode, $isClaimMarkNode } from '../../../../shared/note-nodes/claim-mark';
import { $createDocumentCitationNode, $isDocumentCitationNode } from './DocumentCitationNode';
import { $createExcerptCitationNode, $isExcerptCitationNode } from './ExcerptCitationNode';
import { NOTE_NODES } from './index';
import { $createSourceMentionNode, $isSourceMentionNode } from '../../../../shared/note-nodes/source-mention';

function newEditor(): LexicalEditor {
  return createEditor({
    namespace: 'test',
    nodes: [...NOTE_NODES],
    onError: (e) => {
      throw e;
    },
  });
}

/** The serialized children of the first paragraph. */
function firstParagraph(state: string): SerializedLexicalNode[] {
  return (JSON.parse(state) as { root: { children: { children: SerializedLexicalNode[] }[] } }).root.children[0]!.children;
}

function roundTrip(editor: LexicalEditor): string {
  const saved = JSON.stringify(editor.getEditorState().toJSON());
  const again = newEditor();
  again.setEditorState(again.parseEditorState(saved));
  expect(JSON.stringify(again.getEditorState().toJSON())).toBe(saved);
  return saved;
}

function build(fill: () => void): LexicalEditor {
  const editor = newEditor();
  editor.update(fill, { discrete: true });
  return editor;
}

describe('our nodes round-trip through JSON', () => {
  it('claim citation: {type, version, claimId}', () => {
    const editor = build(() => {
      $getRoot().append($createParagraphNode().append($createTextNode('Shipments rose. '), $createClaimCitationNode('01CLAIM')));
    });
    const [, node] = firstParagraph(roundTrip(editor));
    expect(node).toEqual({ type: 'claim-citation', version: 1, claimId: '01CLAIM' });
    editor.getEditorState().read(() => {
      const cite = $getRoot().getFirstDescendant()?.getNextSibling();
      expect($isClaimCitationNode(cite)).toBe(true);
      expect($isClaimCitationNode(cite) && cite.getClaimId()).toBe('01CLAIM');
      expect(cite?.getTextContent()).toBe('');
    });
  });

  it('document and excerpt citations: {type, version, documentId|excerptId}', () => {
    const editor = build(() => {
      $getRoot().append($createParagraphNode().append($createDocumentCitationNode('01DOC'), $createExcerptCitationNode('01EXC')));
    });
    const nodes = firstParagraph(roundTrip(editor));
    expect(nodes).toEqual([
      { type: 'document-citation', version: 1, documentId: '01DOC' },
      { type: 'excerpt-citation', version: 1, excerptId: '01EXC' },
    ]);
    editor.getEditorState().read(() => {
      const [doc, excerpt] = $getRoot().getFirstChildOrThrow<import('lexical').ElementNode>().getChildren();
      expect($isDocumentCitationNode(doc) && doc.getDocumentId()).toBe('01DOC');
      expect($isExcerptCitationNode(excerpt) && excerpt.getExcerptId()).toBe('01EXC');
      expect($isClaimCitationNode(doc)).toBe(false);
    });
  });

  it('source mention: {type, version, sourceId, name} and its name as text', () => {
    const editor = build(() => {
      $getRoot().append($createParagraphNode().append($createSourceMentionNode('01SRC', 'Anabel Hernández'), $createTextNode(' said so.')));
    });
    const [node] = firstParagraph(roundTrip(editor));
    expect(node).toMatchObject({ type: 'source-mention', version: 1, sourceId: '01SRC', name: 'Anabel Hernández', text: 'Anabel Hernández', mode: 'token' });
    editor.getEditorState().read(() => {
      const mention = $getRoot().getFirstDescendant();
      expect($isSourceMentionNode(mention) && [mention.getSourceId(), mention.getName()]).toEqual(['01SRC', 'Anabel Hernández']);
    });
  });

  it('claim mark: {type, version, claimIds, children} around the cited words', () => {
    const editor = build(() => {
      $getRoot().append(
        $createParagraphNode().append($createTextNode('Before '), $createClaimMarkNode(['01A', '01B', '01A']).append($createTextNode('the cited words')), $createTextNode(' after.')),
      );
    });
    const [, mark] = firstParagraph(roundTrip(editor));
    expect(mark).toMatchObject({ type: 'claim-mark', version: 1, claimIds: ['01A', '01B'] });
    expect((mark as unknown as { children: { text: string }[] }).children[0]?.text).toBe('the cited words');
    editor.getEditorState().read(() => {
      const m = $getRoot().getFirstChildOrThrow<import('lexical').ElementNode>().getChildAtIndex(1);
      expect($isClaimMarkNode(m) && m.getClaimIds()).toEqual(['01A', '01B']);
    });
  });

  it('loads the citations the demo draft was written with', () => {
    const editor = newEditor();
    const demo = '{"root":{"type":"root","version":1,"direction":"ltr","format":"","indent":0,"children":[{"type":"paragraph","version":1,"direction":"ltr","format":"","indent":0,"textFormat":0,"textStyle":"","children":[{"type":"text","version":1,"text":"Seizures rose.","format":0,"style":"","mode":"normal","detail":0},{"type":"claim-citation","version":1,"claimId":"01X"}]}]}}';
    editor.setEditorState(editor.parseEditorState(demo));
    expect(firstParagraph(JSON.stringify(editor.getEditorState().toJSON()))[1]).toEqual({ type: 'claim-citation', version: 1, claimId: '01X' });
  });

  it('pasted HTML never becomes one of our nodes', () => {
    const editor = newEditor();
    const dom = new DOMParser().parseFromString('<p><mark data-claim-ids="x">marked</mark> <span class="source-mention" data-source-id="s">Name</span></p>', 'text/html');
    editor.update(
      () => {
        const nodes = $generateNodesFromDOM(editor, dom);
        const all = nodes.flatMap((n) => [n, ...('getAllTextNodes' in n ? (n as import('lexical').ElementNode).getAllTextNodes() : [])]);
        for (const n of all) {
          expect($isSourceMentionNode(n) || $isClaimMarkNode(n)).toBe(false);
        }
        expect(all.some((n) => $isTextNode(n))).toBe(true);
      },
      { discrete: true },
    );
  });
});

describe('core and the editor agree on what a note is', () => {
  it('core stores every note the editor writes exactly as the editor wrote it', () => {
    const editor = build(() => {
      const nested = $createListNode('number').append($createListItemNode().append($createTextNode('nested')));
      $getRoot().append(
        $createHeadingNode('h2').append($createTextNode('Heading')),
        $createParagraphNode().append(
          $createTextNode('Bold ').toggleFormat('bold'),
          $createLinkNode('https://example.org/report', { title: 'Report' }).append($createTextNode('a link')),
          $createAutoLinkNode('mailto:desk@example.org').append($createTextNode('desk@example.org')),
          $createLineBreakNode(),
          $createTabNode(),
          $createTextNode('code').toggleFormat('code'),
          $createSourceMentionNode('01SRC', 'Anabel Hernández'),
          $createClaimMarkNode(['01A', '01B']).append($createTextNode('cited words')),
          $createClaimCitationNode('01CLAIM'),
          $createDocumentCitationNode('01DOC'),
          $createExcerptCitationNode('01EXC'),
        ),
        $createQuoteNode().append($createTextNode('A quote')),
        $createParagraphNode().setIndent(2).setFormat('center').append($createTextNode('Indented, centred')),
        $createListNode('bullet').append($createListItemNode().append($createTextNode('item')), $createListItemNode().append(nested)),
      );
    });
    const saved = JSON.stringify(editor.getEditorState().toJSON());
    expect(checkedNoteContent(saved)).toBe(saved);
  });

  it('the editor reads back what core stored, styles dropped', () => {
    const editor = build(() => {
      $getRoot().append($createParagraphNode().append($createTextNode('Pasted red').setStyle('color: red')));
    });
    const stored = checkedNoteContent(JSON.stringify(editor.getEditorState().toJSON()));
    const again = newEditor();
    again.setEditorState(again.parseEditorState(stored));
    again.getEditorState().read(() => {
      const node = $getRoot().getFirstDescendant();
      expect($isTextNode(node) && [node.getTextContent(), node.getStyle()]).toEqual(['Pasted red', '']);
    });
  });
});
