// A record dragged from the research panel is cited where it is dropped.

import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import { COMMAND_PRIORITY_HIGH, DRAGOVER_COMMAND, DROP_COMMAND } from 'lexical';
import { useEffect } from 'react';
import { $insertCitation, type Citable } from '../cite/insert';
import { CITATION_MIME } from '../ui/SuggestionList';
import { $selectAtPoint } from './point';

const TYPES = new Set(['claim', 'document', 'excerpt', 'source']);

function readCitable(transfer: DataTransfer | null): Citable | null {
  const raw = transfer?.getData(CITATION_MIME);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Citable>;
    return typeof value.id === 'string' && typeof value.title === 'string' && TYPES.has(value.type ?? '') ? (value as Citable) : null;
  } catch {
    return null;
  }
}

export function CiteDropPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(
          DRAGOVER_COMMAND,
          (event) => {
            if (!event.dataTransfer?.types.includes(CITATION_MIME)) return false;
            event.preventDefault();
            event.dataTransfer.dropEffect = 'copy';
            return true;
          },
          COMMAND_PRIORITY_HIGH,
        ),
        editor.registerCommand(
          DROP_COMMAND,
          (event) => {
            const item = readCitable(event.dataTransfer);
            if (!item) return false;
            event.preventDefault();
            editor.update(() => {
              if ($selectAtPoint(event.clientX, event.clientY, editor.getRootElement())) $insertCitation(item);
            });
            editor.focus();
            return true;
          },
          COMMAND_PRIORITY_HIGH,
        ),
      ),
    [editor],
  );
  return null;
}
