// The panic lock: one shortcut (Ctrl/⌘+Shift+L, or View › Lock Now in the desktop app) hides the
// case at once. The whole workspace unmounts, so every record read from the library, every form
// and the views' remembered filters leave memory; only the lock screen is left. Unlocking is an
// explicit act, and reads everything again from the library. (Once a library can be encrypted,
// unlocking will ask for its passphrase.)

import { useCallback, useEffect, useState } from 'react';
import { forgetAll } from '../../memory';

/** Ctrl+Shift+L (⌘+Shift+L on a Mac), whatever has the focus: a field, a dialog, the editor. */
export function isLockKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): boolean {
  return (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.key.toLowerCase() === 'l';
}

/** The menu's command name (electron/main.ts sends it after clearing the window's caches). */
export const LOCK_COMMAND = 'lock';

export interface PanicLock {
  locked: boolean;
  lock: () => void;
  unlock: () => void;
}

export function usePanicLock(): PanicLock {
  const [locked, setLocked] = useState(false);

  const lock = useCallback(() => {
    setLocked(true);
    forgetAll();
    window.getSelection()?.removeAllRanges();
    (document.activeElement as HTMLElement | null)?.blur?.();
    document.title = 'Corroborate';
  }, []);
  const unlock = useCallback(() => setLocked(false), []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Caught before any field or the editor sees it. The default is left alone: in the
      // desktop app the same keys also reach the menu, which clears the window's caches.
      if (isLockKey(e)) lock();
    };
    const onMenu = (e: Event) => {
      if ((e as CustomEvent<unknown>).detail === LOCK_COMMAND) lock();
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('corroborate:command', onMenu);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('corroborate:command', onMenu);
    };
  }, [lock]);

  return { locked, lock, unlock };
}
