import { useId, type ReactNode } from 'react';

/** A titled part of a detail pane, with a count and a line saying what an empty one means. */
export function Section({ title, count, empty, children }: { title: string; count: number; empty: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="detail-section" aria-labelledby={id}>
      <h3 id={id}>
        {title} <span className="count">{count}</span>
      </h3>
      {count === 0 ? <p className="muted">{empty}</p> : children}
    </section>
  );
}
