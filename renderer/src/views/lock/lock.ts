// The panic lock: one shortcut (Ctrl/⌘+Shift+L, or View › Lock Now in the desktop app) hides the
// case at once. The whole workspace unmounts, so every record read from the library, every form,
// the query caches and the views' remembered filters leave memory; only the lock screen is left.
// With an encrypted library the app then closes the library itself (library.lock: SQLite's
// decrypted pages and the key leave memory), once the open note's last save has gone out, and
// unlocking asks for the passphrase (library.unlock). An encrypted library also starts locked.

import { useCallback, useEffect, useState } from 'react';
import { api, settled } from '../../api';
import { forgetAll } from '../../memory';

/** Ctrl+Shift+L (⌘+Shift+L on a Mac), whatever has the focus: a field, a dialog, the editor. */
export function isLockKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): boolean {
  return (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.key.toLowerCase() === 'l';
}

/** The menu's command name (electron/main.ts sends it after clearing the window's caches). */
export const LOCK_COMMAND = 'lock';

export interface PanicLock {
  /** 'checking' until the library says whether it is encrypted and locked. */
  status: 'checking' | 'open' | 'locked';
  locked: boolean;
  /** Unlocking needs the passphrase. */
  encrypted: boolean;
  lock: () => void;
  /** Unlocks; with an encrypted library, rejects with the API's error (WRONG_PASSPHRASE…). */
  unlock: (passphrase?: string) => Promise<void>;
}

export function usePanicLock(): PanicLock {
  const [status, setStatus] = useState<PanicLock['status']>('checking');
  const [encrypted, setEncrypted] = useState(false);

  useEffect(() => {
    let live = true;
    api.invoke('library.lockState', {}).then(
      (s) => {
        if (!live) return;
        setEncrypted(s.encrypted);
        setStatus((old) => (old === 'checking' ? (s.locked ? 'locked' : 'open') : old));
      },
      () => live && setStatus((old) => (old === 'checking' ? 'open' : old)),
    );
    return () => {
      live = false;
    };
  }, []);

  const lock = useCallback(() => {
    setStatus('locked');
    forgetAll();
    window.getSelection()?.removeAllRanges();
    (document.activeElement as HTMLElement | null)?.blur?.();
    document.title = 'Corroborate';
  }, []);

  // Once the workspace has unmounted (an open note saves as it closes) and those saves are
  // answered, the library is closed too. A plain library has nothing to close: it answers so.
  useEffect(() => {
    if (status !== 'locked') return;
    let live = true;
    void (async () => {
      await settled();
      if (!live) return;
      const s = await api.invoke('library.lock', {});
      if (live) setEncrypted(s.encrypted);
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [status]);

  const unlock = useCallback(
    async (passphrase?: string) => {
      if (encrypted) {
        if (!passphrase) throw new Error('Type the passphrase.');
        await api.invoke('library.unlock', { passphrase });
      }
      setStatus('open');
    },
    [encrypted],
  );

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

  return { status, locked: status !== 'open', encrypted, lock, unlock };
}
