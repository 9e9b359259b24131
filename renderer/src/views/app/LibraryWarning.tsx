// A banner over the workspace when the library sits on a network drive or in a cloud-synced
// folder (library.info says which). Dismissed, it stays away for that library and that place,
// across restarts; moved somewhere else risky, it comes back.

import { useState } from 'react';
import type { LocationWarning } from '../../../../core/location';
import { useQuery } from '../../data';
import './LibraryWarning.css';

const KEY = 'corroborate.dismissedLocationWarnings';

function readDismissed(): string[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

const keyOf = (library: string, w: LocationWarning) => `${library}|${w.kind}|${w.where}`;

export function LibraryWarning() {
  const info = useQuery('library.info', {});
  const [dismissed, setDismissed] = useState(readDismissed);
  const library = info.data?.library ?? '';
  const shown = (info.data?.warnings ?? []).filter((w) => !dismissed.includes(keyOf(library, w)));
  if (!shown.length) return null;

  const dismiss = () => {
    const next = [...dismissed, ...shown.map((w) => keyOf(library, w))].slice(-50);
    try {
      localStorage.setItem(KEY, JSON.stringify(next));
    } catch {
      // Storage full or refused: dismissed for this session only.
    }
    setDismissed(next);
  };

  return (
    <section className="library-warning" aria-label="Where your library is">
      <div>
        {shown.map((w) => (
          <p key={`${w.kind}-${w.where}`}>{w.message}</p>
        ))}
        <p className="library-warning-path">{library}</p>
      </div>
      <button type="button" className="button small" onClick={dismiss}>
        Dismiss
      </button>
    </section>
  );
}
