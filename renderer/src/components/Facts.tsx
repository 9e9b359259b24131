import type { ReactNode } from 'react';

/** One line of a record's facts (inside a <dl className="facts">). */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** A record's tags as a fact, when it has any. */
export function TagsFact({ tags }: { tags: string[] }) {
  if (tags.length === 0) return null;
  return (
    <Fact label="Tags">
      {tags.map((t) => (
        <span key={t} className="tag">
          {t}
        </span>
      ))}
    </Fact>
  );
}
