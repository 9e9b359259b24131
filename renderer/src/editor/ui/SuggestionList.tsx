// One look for everything citable wherever it is offered: the "@" and "#" menus, the claim
// picker of "cite a selection", the research panel. A listbox whose options say what kind of
// record each is, its title, where it comes from, and a claim's status.

import type { ReactNode } from 'react';
import { StatusBadge } from '../../components/StatusBadge';
import { MATCH_END, MATCH_START, unmarked, type CitableType, type Suggestion } from '../cite/suggest';

export const TYPE_LABELS: Record<CitableType, string> = {
  source: 'Source',
  claim: 'Claim',
  document: 'Document',
  excerpt: 'Excerpt',
};

export const optionId = (listId: string, index: number) => `${listId}-option-${index}`;

interface SuggestionListProps {
  id: string;
  label: string;
  items: readonly Suggestion[];
  active: number | null;
  onChoose: (item: Suggestion) => void;
  onHover?: (index: number) => void;
  /** A ref for each option element (the typeahead menu scrolls the active one into view). */
  itemRef?: (index: number, element: HTMLElement | null) => void;
  /** Drag support: what is dragged out of the list. */
  draggable?: boolean;
  empty?: ReactNode;
  /** Titles are search snippets, their matched words marked. */
  highlight?: boolean;
  /** Say what kind of record each option is (not needed where all are sources). */
  showKind?: boolean;
}

export function SuggestionList({ id, label, items, active, onChoose, onHover, itemRef, draggable, empty, highlight, showKind = true }: SuggestionListProps) {
  if (items.length === 0) return empty ? <div className="ed-suggest-empty">{empty}</div> : null;
  return (
    <ul className="ed-suggest" id={id} role="listbox" aria-label={label}>
      {items.map((item, i) => (
        <li
          key={`${item.type}:${item.id}`}
          id={optionId(id, i)}
          ref={(el) => itemRef?.(i, el)}
          role="option"
          aria-selected={i === active}
          className="ed-suggest-item"
          draggable={draggable}
          onDragStart={draggable ? (e) => writeDrag(e.dataTransfer, item) : undefined}
          // Keep the focus in the box (or the text) that drives the list; a press that may start
          // a drag must be left alone.
          onMouseDown={draggable ? undefined : (e) => e.preventDefault()}
          onMouseEnter={() => onHover?.(i)}
          onClick={() => onChoose(item)}
        >
          {(showKind || item.status) && (
            <span className="ed-suggest-head">
              {showKind && <span className={`ed-kind ed-kind-${item.type}`}>{TYPE_LABELS[item.type]}</span>}
              {item.status && <StatusBadge status={item.status} />}
            </span>
          )}
          <span className="ed-suggest-title">{highlight ? <Marked text={item.title} /> : item.title}</span>
          {item.subtitle && <span className="ed-suggest-sub">{item.subtitle}</span>}
        </li>
      ))}
    </ul>
  );
}

/** A search snippet with its matched words marked. */
function Marked({ text }: { text: string }) {
  const out: ReactNode[] = [];
  text.split(MATCH_START).forEach((chunk, i) => {
    const [matched, rest] = i === 0 ? ['', chunk] : chunk.split(MATCH_END, 2);
    if (matched) out.push(<mark key={`m${i}`}>{matched}</mark>);
    if (rest) out.push(rest);
  });
  return <>{out}</>;
}

/** The type of what the research panel drags into the text. */
export const CITATION_MIME = 'application/x-corroborate-citation';

function writeDrag(transfer: DataTransfer, item: Suggestion): void {
  transfer.effectAllowed = 'copy';
  transfer.setData(CITATION_MIME, JSON.stringify({ type: item.type, id: item.id, title: unmarked(item.title) }));
  transfer.setData('text/plain', unmarked(item.title));
}
