import { useId, useState, type ReactNode } from 'react';

interface SectionProps {
  title: string;
  count: number;
  /** What an empty section means, and how to fill it. */
  empty: string;
  /** A button beside the heading ("Link evidence") that opens a form under it; `form` gets the way to close it. */
  add?: { label: string; form: (close: () => void) => ReactNode };
  children: ReactNode;
}

/** A titled part of a detail pane, with a count and a line saying what an empty one means. */
export function Section({ title, count, empty, add, children }: SectionProps) {
  const id = useId();
  const [adding, setAdding] = useState(false);
  return (
    <section className="detail-section" aria-labelledby={id}>
      <div className="section-heading">
        <h3 id={id}>
          {title} <span className="count">{count}</span>
        </h3>
        {add && (
          <button type="button" className="button small" onClick={() => setAdding((v) => !v)} aria-expanded={adding}>
            {add.label}
          </button>
        )}
      </div>
      {add && adding && add.form(() => setAdding(false))}
      {count === 0 ? <p className="muted">{empty}</p> : children}
    </section>
  );
}
