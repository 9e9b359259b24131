// The shared cases of the open library, as the door that keeps them in step reports them
// (sync.status): read every few seconds, because what the desk sends changes the library without
// any action on this page. When a case has received something new, every open query re-reads.

import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { Output } from '../../../../core/api';
import { api } from '../../api';
import { useDataVersion } from '../../data';

export type DeskCase = Output<'sync.status'>[number];

const DeskContext = createContext<DeskCase[]>([]);

/** How often the page asks; the door itself learns of changes as they arrive. */
const POLL_MS = 2000;

export function DeskProvider({ children }: { children: ReactNode }) {
  const { version, changed } = useDataVersion();
  const [cases, setCases] = useState<DeskCase[]>([]);
  const seen = useRef(new Map<string, number>());
  useEffect(() => {
    let live = true;
    const read = async () => {
      let status: DeskCase[];
      try {
        status = await api.invoke('sync.status', {});
      } catch {
        // Locked or unreachable: the lock screen or the error views say so; the indicator keeps its last answer.
        return;
      }
      if (!live) return;
      let fresh = false;
      for (const c of status) {
        const before = seen.current.get(c.caseId);
        if (before !== undefined && c.received > before) fresh = true;
        seen.current.set(c.caseId, c.received);
      }
      setCases(status);
      if (fresh) changed();
    };
    void read();
    const timer = setInterval(() => void read(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
    // A local change is read at once too: its count of changes waiting to go out moves.
  }, [version, changed]);
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
