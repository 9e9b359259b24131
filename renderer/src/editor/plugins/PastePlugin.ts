// Everything that comes in from outside goes through the sanitizer: HTML pasted or dropped
// (from a web page, a word processor) is cleaned before the editor imports it, and a link from
// anywhere (even the editor's own clipboard format, which another page can forge) keeps only
// a web, mail or phone address.

import { $insertDataTransferForRichText } from '@lexical/clipboard';
import { AutoLinkNode, LinkNode } from '@lexical/link';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import { $getSelection, COMMAND_PRIORITY_HIGH, DROP_COMMAND, PASTE_COMMAND, type LexicalEditor } from 'lexical';
import { useEffect } from 'react';
import { isSafeUrl } from '../../../../shared/note-nodes/safe-url';
import { sanitizePastedHtml } from '../paste/sanitize';
import { registerNoInlineStyles } from '../paste/styles';
import { $selectAtPoint } from './point';

const LEXICAL_MIME = 'application/x-lexical-editor';

/** The same transfer with its HTML cleaned; null when there is no HTML to clean. */
function cleaned(transfer: DataTransfer | null): DataTransfer | null {
  const html = transfer?.getData('text/html');
  if (!transfer || !html || transfer.types.includes(LEXICAL_MIME)) return null;
  const clean = new DataTransfer();
  clean.setData('text/html', sanitizePastedHtml(html));
  clean.setData('text/plain', transfer.getData('text/plain'));
  return clean;
}

function insert(editor: LexicalEditor, transfer: DataTransfer): void {
  editor.update(() => {
    const selection = $getSelection();
    if (selection) $insertDataTransferForRichText(transfer, selection, editor);
  });
}

export function PastePlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    // A link to nowhere safe is no link: its words stay, the address goes.
    const safeLink = (link: LinkNode) => {
      if (isSafeUrl(link.getURL())) return;
      for (const child of link.getChildren()) link.insertBefore(child);
      link.remove();
    };
    return mergeRegister(
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => {
          const transfer = cleaned(event instanceof ClipboardEvent ? event.clipboardData : null);
          if (!transfer) return false;
          event.preventDefault();
          insert(editor, transfer);
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      ),
      editor.registerCommand(
        DROP_COMMAND,
        (event) => {
          const transfer = cleaned(event.dataTransfer);
          if (!transfer) return false;
          event.preventDefault();
          editor.update(() => {
            if ($selectAtPoint(event.clientX, event.clientY, editor.getRootElement())) insert(editor, transfer);
          });
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      ),
      editor.registerNodeTransform(LinkNode, safeLink),
      editor.registerNodeTransform(AutoLinkNode, safeLink),
      registerNoInlineStyles(editor),
    );
  }, [editor]);
  return null;
}
