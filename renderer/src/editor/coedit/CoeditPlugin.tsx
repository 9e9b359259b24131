// Co-editing in the note's editor: Lexical's CollaborationPlugin bound to the note's document
// through the door's relay, the other members' cursors and selections drawn with their names,
// and how the note stands (saved, saving, not connected) told to the editor's status line.

import { CollaborationPlugin } from '@lexical/react/LexicalCollaborationPlugin';
import type { Provider } from '@lexical/yjs';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import * as Y from 'yjs';
import type { SaveState } from '../saving/NoteSaver';
import { relayLink, type RelayLink } from './relay';

/**
 * Caret colours: each dark enough for white text on it (WCAG AA, 4.5:1 at least) and clear of
 * the editor's own highlight colours, so a name on its caret reads in the light and dark themes.
 */
export const CURSOR_COLOURS = ['#1f5fbf', '#a3336b', '#2f6b2f', '#8a4b08', '#6b3fa0', '#00697a', '#b0302a', '#4d5a66'] as const;

/** The same member gets the same colour in every window. */
export function colourFor(name: string): string {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return CURSOR_COLOURS[h % CURSOR_COLOURS.length]!;
}

interface CoeditPluginProps {
  noteId: string;
  /** The member's name on the desk, shown on their caret in the others' editors. */
  member: string;
  cursors: RefObject<HTMLElement | null>;
  onState: (state: SaveState) => void;
}

const NOT_CONNECTED: SaveState = {
  kind: 'failed',
  message: 'not connected to Corroborate. What you type stays in this window and is saved when it answers again; do not close it.',
};

export function CoeditPlugin({ noteId, member, cursors, onState }: CoeditPluginProps) {
  const [link, setLink] = useState<RelayLink | null>(null);
  const links = useRef(new Map<string, RelayLink>());
  // One link per document: the plugin asks again on every render of a changed factory.
  const providerFactory = useCallback(
    (id: string, docs: Map<string, Y.Doc>): Provider => {
      let known = links.current.get(id);
      if (!known) {
        const doc = new Y.Doc();
        docs.set(id, doc);
        known = relayLink(noteId, doc);
        links.current.set(id, known);
        setLink(known);
      }
      return known.provider;
    },
    [noteId],
  );

  useEffect(() => {
    if (!link) return;
    const hp = link.hocuspocus;
    let connected = false;
    const tell = () => onState(!connected ? NOT_CONNECTED : !hp.isSynced ? { kind: 'saving' } : hp.hasUnsyncedChanges ? { kind: 'saving' } : { kind: 'saved' });
    const onStatus = ({ status }: { status: string }) => {
      connected = status === 'connected';
      tell();
    };
    hp.on('status', onStatus);
    hp.on('synced', tell);
    hp.on('unsyncedChanges', tell);
    return () => {
      hp.off('status', onStatus);
      hp.off('synced', tell);
      hp.off('unsyncedChanges', tell);
    };
  }, [link, onState]);

  useEffect(
    () => () => {
      for (const l of links.current.values()) {
        l.hocuspocus.destroy();
        l.hocuspocus.configuration.websocketProvider.destroy();
      }
      links.current.clear();
    },
    [],
  );

  return (
    <CollaborationPlugin
      id={`note:${noteId}`}
      providerFactory={providerFactory}
      // The door starts the note's document from the library (the same seed everywhere): an
      // editor never does, or two would each add an empty first line.
      shouldBootstrap={false}
      username={member}
      cursorColor={colourFor(member)}
      cursorsContainerRef={cursors}
    />
  );
}
