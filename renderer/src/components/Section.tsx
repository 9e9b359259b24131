import { useId, type ReactNode } from 'react';

interface SectionProps {
  title: string;
  count: number;
  /** What an empty section means, and how to fill it. */
  empty: string;
  /** Buttons beside the heading ("Link evidence"). */
  actions?: ReactNode;
  /** A form opened by those buttons, shown under the heading. */
  form?: ReactNode;
  children: ReactNode;
}

/** A titled part of a detail pane, with a count and a line saying what an empty one means. */
export function Section({ title, count, empty, actions, form, children }: SectionProps) {
  const id = useId();
  return (
    <section className="detail-section" aria-labelledby={id}>
      <div className="section-heading">
        <h3 id={id}>
          {title} <span className="count">{count}</span>
        </h3>
        {actions && <div className="section-actions">{actions}</div>}
      </div>
      {form}
      {count === 0 ? <p className="muted">{empty}</p> : children}
    </section>
  );
}
