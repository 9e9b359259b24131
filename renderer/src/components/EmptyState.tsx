import type { ReactNode } from 'react';

/** What an empty pane says: what would be here, and how to put it there. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children}
    </div>
  );
}
