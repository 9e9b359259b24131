// Undo and Redo from the desktop app's Edit menu. The menu takes Ctrl/⌘+Z before the page sees
// it, so it sends a command instead, and the page decides what the reporter meant by where the
// focus is: the notes editor's own history, a text field's, or else the app's last move to the
// trash or merge (undo.last). In the browser the keys reach the page and the same three act.

import { isTyping } from './shortcuts';

export type UndoScope = 'editor' | 'field' | 'app';

/** Which undo is meant with the focus on `focused`. */
export function undoScope(focused: Element | null): UndoScope {
  if (focused instanceof HTMLElement && focused.closest('[data-lexical-editor="true"]')) return 'editor';
  return isTyping(focused) ? 'field' : 'app';
}

const APPLE = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Runs the menu's Undo or Redo where the focus is; the app's own history has no redo. */
export function runHistory(kind: 'undo' | 'redo', appUndo: () => void): void {
  const focused = document.activeElement;
  const scope = undoScope(focused);
  if (scope === 'editor') {
    // The editor's history listens for its keys on the editor itself: the same keys, sent there.
    const shift = kind === 'redo';
    focused!.dispatchEvent(new KeyboardEvent('keydown', { key: shift ? 'Z' : 'z', code: 'KeyZ', ctrlKey: !APPLE, metaKey: APPLE, shiftKey: shift, bubbles: true, cancelable: true }));
  } else if (scope === 'field') {
    // A field's own undo stack, as its context menu would use it.
    document.execCommand(kind);
  } else if (kind === 'undo') {
    appUndo();
  }
}
