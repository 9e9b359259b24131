// The idle lock of an encrypted library: after the minutes chosen in Preferences with no key
// pressed, no click, no scroll and no pointer movement, the window locks the way the panic lock
// does (the open note is saved, then library.lock closes the library). Time is read from the
// clock when the timer fires, not counted by it, so a laptop that slept past the limit locks
// the moment it wakes.

import { useEffect } from 'react';
import { useQuery } from '../../data';
import { LOCK_COMMAND } from './lock';

const IDLE_MINUTES = [1, 2, 5, 10, 15, 30, 60, 120, 240, 480];

/** What counts as the reporter being there. */
const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/** The idle-lock choices for Preferences, with the library's own value among them whatever it is. */
export function idleLockOptions(current: number): [string, string][] {
  const minutes = [...new Set([...IDLE_MINUTES, current])].filter((m) => Number.isInteger(m) && m > 0).sort((a, b) => a - b);
  const label = (m: number) => (m % 60 === 0 ? `After ${m / 60} hour${m === 60 ? '' : 's'}` : `After ${m} minute${m === 1 ? '' : 's'}`);
  return [['0', 'Never'], ...minutes.map((m): [string, string] => [String(m), label(m)])];
}

/** How long until the idle lock is due (ms), 0 when it is; null when it never is (0 minutes). */
export function idleRemaining(lastInputAt: number, now: number, minutes: number): number | null {
  if (!(minutes > 0)) return null;
  return Math.max(0, lastInputAt + minutes * 60_000 - Math.max(now, lastInputAt));
}

/** Locks the window after the library's idle time, while the library is an encrypted one. */
export function useIdleLock(): void {
  const prefs = useQuery('preferences.get', {});
  const lockState = useQuery('library.lockState', {});
  const minutes = lockState.data?.encrypted ? (prefs.data?.idleLockMinutes ?? 0) : 0;
  useEffect(() => {
    if (!(minutes > 0)) return;
    let lastInputAt = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const seen = () => {
      lastInputAt = Date.now();
    };
    const check = () => {
      const left = idleRemaining(lastInputAt, Date.now(), minutes);
      if (left === null) return;
      if (left === 0) window.dispatchEvent(new CustomEvent('corroborate:command', { detail: LOCK_COMMAND }));
      else timer = setTimeout(check, left);
    };
    for (const name of INPUT_EVENTS) window.addEventListener(name, seen, { capture: true, passive: true });
    timer = setTimeout(check, minutes * 60_000);
    return () => {
      clearTimeout(timer);
      for (const name of INPUT_EVENTS) window.removeEventListener(name, seen, { capture: true });
    };
  }, [minutes]);
}
