// Every node a note may hold, defined once for the editor (renderer/src/editor/nodes), which
// shows them, and for core, which parses a note headless against exactly this set before saving
// it (core/note-content.ts). The citation chips are React decorators in the editor: it passes
// its subclasses of the chip data classes; core reads the data classes as they are.

import { AutoLinkNode, LinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import type { Klass, LexicalNode } from 'lexical';
import { ClaimCitationData } from './claim-citation.js';
import { ClaimMarkNode } from './claim-mark.js';
import { DocumentCitationData } from './document-citation.js';
import { ExcerptCitationData } from './excerpt-citation.js';
import { SourceMentionNode } from './source-mention.js';

export interface ChipClasses {
  claim: Klass<ClaimCitationData>;
  document: Klass<DocumentCitationData>;
  excerpt: Klass<ExcerptCitationData>;
}

const DATA_CHIPS: ChipClasses = { claim: ClaimCitationData, document: DocumentCitationData, excerpt: ExcerptCitationData };

export function noteNodes(chips: ChipClasses = DATA_CHIPS): Klass<LexicalNode>[] {
  return [HeadingNode, QuoteNode, ListNode, ListItemNode, LinkNode, AutoLinkNode, chips.claim, chips.document, chips.excerpt, SourceMentionNode, ClaimMarkNode];
}
