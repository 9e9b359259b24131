import type { KeyboardEvent, ReactNode } from 'react';

/** Up and down arrows move between a list's rows (`button.row`), as in a mail client. */
function moveFocusWithArrows(e: KeyboardEvent<HTMLElement>) {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const rows = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button.row')];
  const at = rows.indexOf(document.activeElement as HTMLButtonElement);
  const next = rows[Math.min(rows.length - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)))];
  if (next) {
    e.preventDefault();
    next.focus();
  }
}

/** A pane's list of records: one button per row, arrow keys to move, the open one marked. */
export function RowList({ label, children }: { label: string; children: ReactNode }) {
  return (
    <ul className="rows" aria-label={label} onKeyDown={moveFocusWithArrows}>
      {children}
    </ul>
  );
}

interface RowProps {
  title: ReactNode;
  meta: ReactNode;
  /** A status or grade, at the end of the meta line. */
  badge: ReactNode;
  current: boolean;
  onSelect: () => void;
}

export function Row({ title, meta, badge, current, onSelect }: RowProps) {
  return (
    <li>
      <button type="button" className="row" aria-current={current ? 'true' : undefined} onClick={onSelect}>
        <span className="row-title">{title}</span>
        <span className="row-foot">
          <span className="row-meta">{meta}</span>
          {badge}
        </span>
      </button>
    </li>
  );
}
