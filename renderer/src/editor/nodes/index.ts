// Every node a note may hold, registered on each editor (and in tests): the one list of
// shared/note-nodes, with the chips that show themselves in React.

import type { Klass, LexicalNode } from 'lexical';
import { noteNodes } from '../../../../shared/note-nodes';
import { ClaimCitationNode } from './ClaimCitationNode';
import { DocumentCitationNode } from './DocumentCitationNode';
import { ExcerptCitationNode } from './ExcerptCitationNode';

export const NOTE_NODES: readonly Klass<LexicalNode>[] = noteNodes({ claim: ClaimCitationNode, document: DocumentCitationNode, excerpt: ExcerptCitationNode });
