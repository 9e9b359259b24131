// Find within the open note: every match highlighted, Enter for the next, Shift+Enter for the
// previous, Escape back to the text.

import { useEffect, useRef } from 'react';

interface FindBarProps {
  query: string;
  onQuery: (query: string) => void;
  index: number;
  count: number;
  onMove: (step: 1 | -1) => void;
  onClose: () => void;
  /** Bumped to take the focus back to the box (Ctrl/Cmd+F pressed again). */
  focusKey: number;
}

export function FindBar({ query, onQuery, index, count, onMove, onClose, focusKey }: FindBarProps) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [focusKey]);
  const position = count === 0 ? (query ? 'No matches' : '') : `${(((index % count) + count) % count) + 1} of ${count}`;
  return (
    <div className="ed-findbar" role="search" aria-label="Find in note">
      <input
        ref={input}
        type="search"
        className="ed-input"
        aria-label="Find in note"
        placeholder="Find in note"
        value={query}
        onChange={(e) => onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            onMove(e.shiftKey ? -1 : 1);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          }
        }}
      />
      <span className="ed-findbar-count" role="status" aria-live="polite">
        {position}
      </span>
      <button type="button" className="button small" onClick={() => onMove(-1)} disabled={count === 0} aria-label="Previous match">
        ↑
      </button>
      <button type="button" className="button small" onClick={() => onMove(1)} disabled={count === 0} aria-label="Next match">
        ↓
      </button>
      <button type="button" className="button small" onClick={onClose}>
        Done
      </button>
    </div>
  );
}
