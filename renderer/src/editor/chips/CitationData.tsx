// What the chips of an open note show: each cited claim's status and who made it, each
// document's title, each excerpt's words. One store per note, read by every chip through useSyncExternalStore so that a
// status change re-renders only the chips of that claim, not the 20,000 words around them.

import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { Claim, DocumentSummary, Excerpt, Source } from '../../../../db/types';
import { api } from '../../api';
import { useDataVersion } from '../../data';

/** Absent: not asked yet; 'loading'; 'missing': gone (purged) or unreadable. */
export type Entry<T> = T | 'loading' | 'missing' | undefined;

type Kind = 'claim' | 'document' | 'excerpt' | 'source';
interface Values {
  claim: Claim;
  document: DocumentSummary;
  excerpt: Excerpt;
  source: Source;
}

/** The most claims one read asks for (claims.list takes up to 1,000 ids). */
const MAX_IDS = 1000;

export class CitationStore {
  private readonly entries: { [K in Kind]: Map<string, Entry<Values[K]>> } = {
    claim: new Map(),
    document: new Map(),
    excerpt: new Map(),
    source: new Map(),
  };
  private readonly listeners = new Set<() => void>();
  /** Goes up with every change, for a reader of many entries at once. */
  version = 0;
  private readonly wanted: { [K in Kind]: Set<string> } = { claim: new Set(), document: new Set(), excerpt: new Set(), source: new Set() };
  private flushing = false;

  constructor(readonly caseId: string) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get<K extends Kind>(kind: K, id: string): Entry<Values[K]> {
    return this.entries[kind].get(id) as Entry<Values[K]>;
  }

  /** Asks for a record; several asks in one tick are fetched together. */
  want(kind: Kind, id: string): void {
    if (this.entries[kind].has(id)) return;
    this.entries[kind].set(id, 'loading');
    this.wanted[kind].add(id);
    if (!this.flushing) {
      this.flushing = true;
      queueMicrotask(() => void this.fetchWanted());
    }
  }

  /**
   * Reads again what may have changed: the cited claims, by id (a status set anywhere shows up
   * there), and the case's documents. Only what chips show is kept.
   */
  async refresh(): Promise<void> {
    const [recent, documents, sources] = await Promise.all([
      this.entries.claim.size ? api.invoke('claims.list', { caseId: this.caseId, ids: [...this.entries.claim.keys()].slice(0, MAX_IDS), limit: MAX_IDS }).catch(() => null) : null,
      this.entries.document.size ? api.invoke('documents.list', { caseId: this.caseId }).catch(() => null) : null,
      this.entries.source.size ? api.invoke('sources.list', { caseId: this.caseId }).catch(() => null) : null,
    ]);
    if (recent) this.update('claim', recent.items);
    if (documents) this.update('document', documents);
    if (sources) this.update('source', sources);
  }

  private update<K extends Kind>(kind: K, records: readonly Values[K][]): void {
    let changed = false;
    const map = this.entries[kind] as Map<string, Entry<Values[K]>>;
    for (const r of records) {
      const old = map.get(r.id);
      if (old === undefined && kind === 'claim') continue;
      if (typeof old === 'object' && old.updatedAt === r.updatedAt && old.deletedAt === r.deletedAt) continue;
      map.set(r.id, r);
      changed = true;
    }
    if (changed) this.emit();
  }

  private emit(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  private set<K extends Kind>(kind: K, id: string, value: Entry<Values[K]>): void {
    (this.entries[kind] as Map<string, Entry<Values[K]>>).set(id, value);
  }

  private async fetchWanted(): Promise<void> {
    this.flushing = false;
    const take = (kind: Kind) => {
      const ids = [...this.wanted[kind]];
      this.wanted[kind].clear();
      return ids;
    };
    const claims = take('claim');
    const documents = take('document');
    const excerpts = take('excerpt');
    const sources = take('source');

    // The cited claims of the note's case come in one read, by id; a claim of another case
    // (rare) is read on its own below.
    if (claims.length > 0) {
      const page = await api.invoke('claims.list', { caseId: this.caseId, ids: claims.slice(0, MAX_IDS), limit: MAX_IDS }).catch(() => null);
      for (const c of page?.items ?? []) this.set('claim', c.id, c);
    }
    if (documents.length > 0) {
      const list = await api.invoke('documents.list', { caseId: this.caseId }).catch(() => []);
      for (const d of list) this.set('document', d.id, d);
    }
    // The sources heard in the case, in one read: a cited claim's sources are among them.
    if (sources.length > 0) {
      const list = await api.invoke('sources.list', { caseId: this.caseId }).catch(() => []);
      for (const s of list) if (this.entries.source.has(s.id)) this.set('source', s.id, s);
    }
    this.emit();

    await Promise.all([
      ...claims
        .filter((id) => this.entries.claim.get(id) === 'loading')
        .map((id) => this.load('claim', id, () => api.invoke('claims.get', { id }).then((d) => d.claim))),
      ...documents
        .filter((id) => this.entries.document.get(id) === 'loading')
        .map((id) => this.load('document', id, () => api.invoke('documents.get', { id }).then((d) => ({ ...d.document, textLength: d.document.text.length })))),
      ...excerpts.map((id) => this.load('excerpt', id, () => api.invoke('excerpts.get', { id }))),
      ...sources
        .filter((id) => this.entries.source.get(id) === 'loading')
        .map((id) => this.load('source', id, () => api.invoke('sources.get', { id }).then((d) => d.source))),
    ]);
  }

  private async load<K extends Kind>(kind: K, id: string, read: () => Promise<Values[K]>): Promise<void> {
    try {
      this.set(kind, id, await read());
    } catch {
      // Purged, or never in this library (a note pasted from elsewhere): the chip says so.
      this.set(kind, id, 'missing');
    }
    this.emit();
  }
}

const StoreContext = createContext<CitationStore | null>(null);

/**
 * Keeps the store of a note's case fresh: after every change the library's version counter
 * records (a status set in the Claims view, this note's own save), and when the window comes
 * back into focus (another window may have changed a claim).
 */
export function CitationDataProvider({ caseId, children }: { caseId: string; children: ReactNode }) {
  const store = useMemo(() => new CitationStore(caseId), [caseId]);
  const { version } = useDataVersion();
  useEffect(() => void store.refresh(), [store, version]);
  useEffect(() => {
    const onFocus = () => void store.refresh();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [store]);
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useCitationStore(): CitationStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useCitationStore outside CitationDataProvider');
  return store;
}

/** Re-renders the caller whenever any cited record changes. */
export function useCitationVersion(): number {
  const store = useCitationStore();
  return useSyncExternalStore(store.subscribe, () => store.version);
}

/** The cited record as the chip should show it, fetched on first sight. */
export function useCited<K extends Kind>(kind: K, id: string | null): Entry<Values[K]> {
  const store = useCitationStore();
  useEffect(() => {
    if (id) store.want(kind, id);
  }, [store, kind, id]);
  return useSyncExternalStore(store.subscribe, () => (id ? store.get(kind, id) : undefined));
}

/**
 * Who made a claim, as a chip's tooltip and accessible name say it: the sources' names, a
 * confidential one by its description (as the timeline shows it: the screen may be seen by
 * others); empty until they are read.
 */
export function useSourceNames(ids: readonly string[]): string {
  const store = useCitationStore();
  const key = ids.join(' ');
  useEffect(() => {
    for (const id of key.split(' ').filter(Boolean)) store.want('source', id);
  }, [store, key]);
  return useSyncExternalStore(store.subscribe, () =>
    ids
      .map((id) => store.get('source', id))
      .filter((s): s is Source => typeof s === 'object')
      .map((s) => (s.confidential ? s.description || 'a confidential source' : s.name))
      .join(', '),
  );
}
