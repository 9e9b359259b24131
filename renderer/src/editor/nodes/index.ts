// Every node a note may hold, registered on each editor (and in tests) from this one list.

import { AutoLinkNode, LinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import type { Klass, LexicalNode } from 'lexical';
import { ClaimCitationNode } from './ClaimCitationNode';
import { ClaimMarkNode } from './ClaimMarkNode';
import { DocumentCitationNode } from './DocumentCitationNode';
import { ExcerptCitationNode } from './ExcerptCitationNode';
import { SourceMentionNode } from './SourceMentionNode';

export const NOTE_NODES: readonly Klass<LexicalNode>[] = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  LinkNode,
  AutoLinkNode,
  ClaimCitationNode,
  DocumentCitationNode,
  ExcerptCitationNode,
  SourceMentionNode,
  ClaimMarkNode,
];
