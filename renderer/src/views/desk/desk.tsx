// The shared cases of the open library, as the door that keeps them in step reports them. The
// door answers a waiting `sync.watch` the moment something the Desk view shows changes (a member
// arrives or leaves, the link drops, changes are delivered), so nothing here polls; a change made
// on this page is read at once too. While the door cannot be reached, it is asked again now and
// then. When a case has received something new, every open query re-reads.

import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { Output } from '../../../../core/api';
import { api } from '../../api';
import { useDataVersion } from '../../data';

export type DeskCase = Output<'sync.status'>[number];

const DeskContext = createContext<DeskCase[]>([]);

/** How long the door holds a watch before answering anyway (it answers at once on any change). */
const WATCH_MS = 25_000;
/** How soon the watch is tried again when the door did not answer (offline, locked). */
const RETRY_MS = 10_000;

export function DeskProvider({ children }: { children: ReactNode }) {
  const { version, changed } = useDataVersion();
  const [cases, setCases] = useState<DeskCase[]>([]);
  const seen = useRef(new Map<string, number>());
  const show = useRef<(status: DeskCase[]) => void>(() => {});
  show.current = (status) => {
    let fresh = false;
    for (const c of status) {
      const before = seen.current.get(c.caseId);
      if (before !== undefined && c.received > before) fresh = true;
      seen.current.set(c.caseId, c.received);
    }
    setCases(status);
    if (fresh) changed();
  };

  // The desk's own news, pushed: each answer is followed by the next wait.
  useEffect(() => {
    let live = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let after = 0;
    const follow = async () => {
      while (live) {
        try {
          const news = await api.invoke('sync.watch', { after, waitMs: WATCH_MS }, { waits: true });
          if (!live) return;
          after = news.version;
          show.current(news.cases);
        } catch {
          // Locked or unreachable: the lock screen or the error views say so; the indicator keeps its last answer.
          if (!live) return;
          await new Promise<void>((resolve) => (retry = setTimeout(resolve, RETRY_MS)));
        }
      }
    };
    void follow();
    return () => {
      live = false;
      clearTimeout(retry);
    };
  }, []);

  // A change made here moves the count of changes waiting to go out: read at once.
  useEffect(() => {
    let live = true;
    api.invoke('sync.status', {}).then(
      (status) => live && show.current(status),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [version]);
  return <DeskContext.Provider value={cases}>{children}</DeskContext.Provider>;
}

/** The case's link to its desk, or undefined when the case is not shared. */
export function useDeskCase(caseId: string | null | undefined): DeskCase | undefined {
  const cases = useContext(DeskContext);
  return caseId ? cases.find((c) => c.caseId === caseId) : undefined;
}

export const ROLE_LABELS: Record<string, string> = {
  reporter: 'reporter',
  editor: 'editor',
  'fact-checker': 'fact-checker',
  lawyer: 'lawyer',
};

/** "2 min ago", "just now", else the date: when someone else's change happened. */
export function ago(iso: string, now = Date.now()): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  const s = Math.max(0, Math.round((now - then) / 1000));
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} h ago`;
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(then));
}

/** "Lee (fact-checker)", or "you" for the member this library is. */
export function memberLabel(desk: DeskCase, name: string): string {
  if (name === desk.member) return 'you';
  const role = desk.members.find((m) => m.name === name)?.role;
  return role ? `${name} (${ROLE_LABELS[role] ?? role})` : name;
}
