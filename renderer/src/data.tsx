// Loading and changing library data. Every successful change bumps one version number that
// every open query depends on, so lists and details never show a stale record after a save.

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Input, MethodName, Output } from '../../core/api';
import { api } from './api';

interface DataVersion {
  version: number;
  changed: () => void;
}

const DataVersionContext = createContext<DataVersion>({ version: 0, changed: () => {} });

export function DataProvider({ children }: { children: ReactNode }) {
  const [version, setVersion] = useState(0);
  const changed = useCallback(() => setVersion((v) => v + 1), []);
  const value = useMemo(() => ({ version, changed }), [version, changed]);
  return <DataVersionContext.Provider value={value}>{children}</DataVersionContext.Provider>;
}

/** The library's change counter: a paged list reloads what it shows when it moves on. */
export function useDataVersion(): DataVersion {
  return useContext(DataVersionContext);
}

export interface Query<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** The library changed since this answer was read; a newer one is on its way. */
  stale: boolean;
}

/**
 * Calls a reading method and keeps its answer. `null` input means "nothing to ask yet". While a
 * changed library is re-read the old answer stays on screen; a different question clears it, so
 * one claim's detail is never shown under another's heading (unless `keepPrevious`: a search as
 * you type, where the last answer is the right thing to show until the next).
 */
export function useQuery<N extends MethodName>(name: N, input: Input<N> | null, options: { keepPrevious?: boolean } = {}): Query<Output<N>> {
  const { version } = useContext(DataVersionContext);
  const key = input === null ? null : `${name} ${JSON.stringify(input)}`;
  const [state, setState] = useState<{ key: string | null; version: number; data?: Output<N>; error?: unknown; done: boolean }>({
    key: null,
    version,
    done: false,
  });

  useEffect(() => {
    if (key === null || input === null) return;
    let current = true;
    api.invoke(name, input).then(
      (data) => current && setState({ key, version, data, done: true }),
      (error: unknown) => current && setState({ key, version, error, done: true }),
    );
    return () => {
      current = false;
    };
    // `key` stands for `name` and `input`.
  }, [key, version]);

  const same = state.key === key;
  // Search as you type: the last answer stays until the next one is in, so the page does not flicker.
  const shown = same || (options.keepPrevious && key !== null);
  return {
    data: shown ? state.data : undefined,
    error: same ? state.error : undefined,
    loading: key !== null && (!same || !state.done),
    stale: !same || state.version !== version,
  };
}

export interface Action {
  /** Runs a change; on success every query re-reads, on failure the error is kept for display. */
  run: <T>(change: () => Promise<T>) => Promise<T | undefined>;
  busy: boolean;
  error: unknown;
  clearError: () => void;
}

export function useAction(): Action {
  const { changed } = useContext(DataVersionContext);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(
    async <T,>(change: () => Promise<T>): Promise<T | undefined> => {
      setBusy(true);
      setError(null);
      try {
        const result = await change();
        changed();
        return result;
      } catch (err) {
        setError(err);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [changed],
  );
  const clearError = useCallback(() => setError(null), []);
  return { run, busy, error, clearError };
}
