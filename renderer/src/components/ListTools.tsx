// The tools above a list: a text filter and the order, the same in every view.

import { keysOf } from '../labels';

/** Narrows a list as the reporter types. `label` says what is searched, for screen readers. */
export function FilterText({ label, placeholder, value, onChange }: { label: string; placeholder: string; value: string; onChange: (value: string) => void }) {
  return <input type="search" className="filter-text" aria-label={label} placeholder={placeholder} value={value} onChange={(e) => onChange(e.target.value)} />;
}

/** Chooses the list's order from a label map. */
export function OrderSelect<K extends string>({ value, labels, onChange }: { value: K; labels: Record<K, string>; onChange: (value: K) => void }) {
  return (
    <select aria-label="Order" className="filter-order" value={value} onChange={(e) => onChange(e.target.value as K)}>
      {keysOf(labels).map((k) => (
        <option key={k} value={k}>
          {labels[k]}
        </option>
      ))}
    </select>
  );
}

/** "12" or, with a filter on, "3 of 12". */
export function countOf(shown: number, total: number, filtered: boolean): string {
  return filtered ? `${shown.toLocaleString()} of ${total.toLocaleString()}` : total.toLocaleString();
}
