import { useEffect, useId, useRef, useState } from 'react';

/** The query language, as db/search-query.ts reads it, with an example of each. */
const SYNTAX: { example: string; does: string }[] = [
  { example: 'pardo fentanyl', does: 'Every word must match. Accents and word endings are forgiven: “verify” finds “verified”.' },
  { example: '"precursor chemicals"', does: 'The exact phrase.' },
  { example: 'precurs*', does: 'Words starting with these letters.' },
  { example: 'cartel -sinaloa', does: 'Leave out what has a word (or a “phrase”).' },
  { example: 'china OR mexico', does: 'Either word.' },
  { example: 'source:pardo', does: 'Claims of a source (by name or alias); documents by author or publisher.' },
  { example: 'status:disputed', does: 'Claims with a status: unverified, in_progress, verified, disputed, false, misleading, unverifiable.' },
  { example: 'type:claim', does: 'Only one kind of record: claim, source, document, excerpt (a marked passage) or note.' },
  { example: 'tag:ports', does: 'Records with a tag.' },
  { example: 'case:pipeline', does: 'In the cases whose title has the word.' },
  { example: 'after:2021 before:2022-06', does: 'Said, published or edited from / before a date: YYYY, YYYY-MM or YYYY-MM-DD.' },
];

/** A "?" button beside the search box that shows the query language; each example can be tried. */
export function QueryHelp({ onTry }: { onTry: (query: string) => void }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  // A press anywhere else closes it, as a menu would.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      const t = e.target as Node;
      if (!panel.current?.contains(t) && !button.current?.contains(t)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    panel.current?.querySelector<HTMLElement>('button')?.focus();
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div className="query-help">
      <button
        ref={button}
        type="button"
        className="button help-button"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => setOpen((v) => !v)}
      >
        <span aria-hidden="true">?</span>
        <span className="visually-hidden">How to search</span>
      </button>
      <div
        ref={panel}
        id={`${id}-panel`}
        className="query-help-panel"
        role="region"
        aria-labelledby={`${id}-title`}
        hidden={!open}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            close();
          }
        }}
      >
        <h2 id={`${id}-title`}>How to search</h2>
        <dl className="syntax">
          {SYNTAX.map((s) => (
            <div key={s.example} className="syntax-row">
              <dt>
                <button
                  type="button"
                  className="syntax-example"
                  onClick={() => {
                    // The search box takes the focus, with the example in it.
                    setOpen(false);
                    onTry(s.example);
                  }}
                  aria-label={`Try ${s.example}`}
                >
                  <code>{s.example}</code>
                </button>
              </dt>
              <dd>{s.does}</dd>
            </div>
          ))}
        </dl>
        <p className="field-hint">
          A word that matches nothing is corrected to the closest word in your case file, and the results say so. Filters combine with
          words: <code>status:disputed port</code>.
        </p>
      </div>
    </div>
  );
}
