// "Cite a selection": the claim picker that opens over the selected words.

import { useEffect, useId, useMemo, useState } from 'react';
import { latestOnly, suggestCitations, type Suggestion } from '../cite/suggest';
import { SuggestionList } from './SuggestionList';
import { usePicker } from './usePicker';

interface CitePickerProps {
  caseId: string;
  /** Where the selected words are on screen. */
  anchor: DOMRect;
  excerpt: string;
  onChoose: (claim: Suggestion) => void;
  onCancel: () => void;
}

export function CitePicker({ caseId, anchor, excerpt, onChoose, onCancel }: CitePickerProps) {
  const listId = useId();
  const headingId = useId();
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<Suggestion[]>([]);
  const ask = useMemo(() => latestOnly((q: string) => suggestCitations(q, caseId, ['claim'])), [caseId]);
  const picker = usePicker(listId, items, onChoose, onCancel);

  useEffect(() => {
    let live = true;
    ask(query).then(
      (found) => live && found && setItems(found),
      () => live && setItems([]),
    );
    return () => {
      live = false;
    };
  }, [ask, query]);

  const top = Math.min(anchor.bottom + 8, window.innerHeight - 320);
  const left = Math.max(12, Math.min(anchor.left, window.innerWidth - 440));
  return (
    <div className="ed-popover ed-citepicker" role="dialog" aria-labelledby={headingId} style={{ top, left }}>
      <h2 id={headingId} className="ed-popover-title">
        Cite the selected passage
      </h2>
      <p className="ed-popover-quote">“{excerpt.length > 140 ? `${excerpt.slice(0, 139)}…` : excerpt}”</p>
      <input
        autoFocus
        type="search"
        className="ed-input"
        placeholder="Find the claim that backs it…"
        aria-label="Find a claim"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          picker.reset();
        }}
        onBlur={(e) => {
          if (!e.currentTarget.closest('.ed-citepicker')?.contains(e.relatedTarget as Node | null)) onCancel();
        }}
        {...picker.comboboxProps}
      />
      <SuggestionList
        id={listId}
        label="Claims"
        items={items}
        active={picker.active}
        onChoose={onChoose}
        onHover={picker.setActive}
        empty={query ? 'No claim matches. Try other words.' : 'This case has no claims yet.'}
      />
    </div>
  );
}
