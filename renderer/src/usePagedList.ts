// A list too long to load at once (a case can hold 100,000 claims), read a page at a time as
// the reporter scrolls. The library's answer carries the total, so the list can be drawn at its
// full length from the first page; pages on screen are read again when the library changes.

import { useCallback, useEffect, useReducer, useRef } from 'react';
import { useDataVersion } from './data';

export const PAGE_SIZE = 200;

interface Page<T> {
  items: T[];
  version: number;
}

interface Store<T> {
  key: string | null;
  total: number | null;
  estimated: boolean;
  pages: Map<number, Page<T>>;
  inflight: Set<string>;
  error: unknown;
}

const emptyStore = <T>(key: string | null): Store<T> => ({ key, total: null, estimated: false, pages: new Map(), inflight: new Set(), error: null });

export interface PagedList<T> {
  /** The number of records in all, once the first page has answered. */
  total: number | null;
  /** The total is the library's estimate (a filter matching very many): show it as "about". */
  estimated: boolean;
  itemAt: (index: number) => T | undefined;
  idAt: (index: number) => string | undefined;
  indexOf: (id: string) => number;
  /** The rows on screen: their pages are read (after a short pause while scrolling fast). */
  showRange: (first: number, last: number) => void;
  error: unknown;
  /** What is shown is an earlier question's answer, or older than the last change. */
  stale: boolean;
}

/**
 * `key` stands for the question (null: nothing to ask); `fetchPage` asks it for one page.
 * While a new question's first page is on its way, the previous answer stays on screen.
 */
export function usePagedList<T extends { id: string }>(
  key: string | null,
  fetchPage: (offset: number, limit: number, after?: string) => Promise<{ total: number; estimated?: boolean; items: T[] }>,
): PagedList<T> {
  const { version } = useDataVersion();
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const store = useRef<Store<T>>(emptyStore(key));
  const shown = useRef<Store<T> | null>(null);
  if (store.current.key !== key) {
    if (store.current.total !== null) shown.current = store.current;
    store.current = emptyStore(key);
  }
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const range = useRef<[number, number]>([0, 0]);

  const load = useCallback(
    (page: number) => {
      const s = store.current;
      if (s.key === null) return;
      if ((s.pages.get(page)?.version ?? -1) >= version) return;
      const tag = `${version}:${page}`;
      if (s.inflight.has(tag)) return;
      s.inflight.add(tag);
      // Scrolling on: the page starts after the last row of the one before, found on the
      // library's index, instead of stepping over every row before it (offset).
      const before = s.pages.get(page - 1);
      const after = before && before.version >= version && before.items.length === PAGE_SIZE ? before.items.at(-1)?.id : undefined;
      fetchRef.current(page * PAGE_SIZE, PAGE_SIZE, after).then(
        (answer) => {
          s.inflight.delete(tag);
          if (store.current !== s || (s.pages.get(page)?.version ?? -1) > version) return;
          s.pages.set(page, { items: answer.items, version });
          s.total = answer.total;
          s.estimated = answer.estimated === true;
          s.error = null;
          shown.current = null;
          rerender();
        },
        (error: unknown) => {
          s.inflight.delete(tag);
          if (store.current !== s) return;
          s.error = error;
          rerender();
        },
      );
    },
    [version],
  );

  const loadRange = useCallback(() => {
    const [first, last] = range.current;
    for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) load(p);
  }, [load]);

  // A new question, or a changed library: the first page (for the total) and the rows on screen.
  useEffect(() => {
    if (key === null) return;
    load(0);
    loadRange();
  }, [key, load, loadRange]);

  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const showRange = useCallback(
    (first: number, last: number) => {
      range.current = [first, last];
      clearTimeout(timer.current);
      timer.current = setTimeout(loadRange, 40);
    },
    [loadRange],
  );

  const s = store.current.total === null && shown.current ? shown.current : store.current;
  const itemAt = (index: number) => s.pages.get(Math.floor(index / PAGE_SIZE))?.items[index % PAGE_SIZE];
  const loadedVersions = [...s.pages.values()].map((p) => p.version);
  return {
    total: s.total,
    estimated: s.estimated,
    itemAt,
    idAt: (index) => itemAt(index)?.id,
    indexOf: (id) => {
      for (const [p, page] of s.pages) {
        const at = page.items.findIndex((item) => item.id === id);
        if (at >= 0) return p * PAGE_SIZE + at;
      }
      return -1;
    },
    showRange,
    error: store.current.error,
    stale: s !== store.current || loadedVersions.some((v) => v < version),
  };
}
