// What a view remembers while the reporter is elsewhere: its filters, its scroll position, the
// text in its search box. Views unmount when another is shown; this keeps their state for the
// session (not across restarts: a new day starts from the top).

import { useCallback, useState } from 'react';

const memory = new Map<string, unknown>();

/** Like useState, but the value outlives the component, under `key`. */
export function useRemembered<T>(key: string, initial: T): [T, (value: T | ((old: T) => T)) => void] {
  const [state, setState] = useState<{ key: string; value: T }>(() => ({ key, value: recall(key, initial) }));
  const value = state.key === key ? state.value : recall(key, initial);
  const set = useCallback(
    (next: T | ((old: T) => T)) =>
      setState((old) => {
        const previous = old.key === key ? old.value : recall(key, initial);
        const v = typeof next === 'function' ? (next as (o: T) => T)(previous) : next;
        memory.set(key, v);
        return { key, value: v };
      }),
    // `initial` is only read when nothing is remembered yet.
    [key],
  );
  return [value, set];
}

export function recall<T>(key: string, fallback: T): T {
  return memory.has(key) ? (memory.get(key) as T) : fallback;
}

export function memorize(key: string, value: unknown): void {
  memory.set(key, value);
}

/** Forgets everything remembered (the panic lock: nothing of a case stays in memory). */
export function forgetAll(): void {
  memory.clear();
}
