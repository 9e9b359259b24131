import { useRef } from 'react';
import { FindBox, FOUND_TYPE_LABELS, type Found, type FindType } from './FindBox';
import { StatusBadge } from './StatusBadge';

interface RecordPickerProps {
  label: string;
  hint?: string;
  types: FindType[];
  caseId?: string;
  exclude?: string[];
  value: Found | null;
  onChange: (found: Found | null) => void;
  placeholder?: string;
  autoFocus?: boolean;
}

/** Chooses one record by typing a few letters of it (find.quick); once chosen, it shows with Change. */
export function RecordPicker({ label, hint, types, caseId, exclude, value, onChange, placeholder, autoFocus }: RecordPickerProps) {
  const change = useRef<HTMLButtonElement>(null);
  if (!value) {
    return (
      <div className="field record-picker">
        <FindBox
          label={label}
          types={types}
          caseId={caseId}
          exclude={exclude}
          onChoose={(found) => {
            onChange(found);
            // The box is gone; the Change button stands where it was.
            requestAnimationFrame(() => change.current?.focus());
          }}
          placeholder={placeholder ?? 'Type a few letters…'}
          showType={types.length > 1}
          limit={12}
          autoFocus={autoFocus}
        />
        {hint && <p className="field-hint">{hint}</p>}
      </div>
    );
  }
  return (
    <div className="field record-picker">
      <span className="findbox-label" id={`chosen-${value.id}`}>
        {label}
      </span>
      <div className="chosen" role="group" aria-labelledby={`chosen-${value.id}`}>
        {types.length > 1 && <span className={`found-type found-${value.type}`}>{FOUND_TYPE_LABELS[value.type]}</span>}
        <span className="found-text">
          <span className="found-title">{value.title}</span>
          {value.subtitle && <span className="found-subtitle">{value.subtitle}</span>}
        </span>
        {value.status && <StatusBadge status={value.status} />}
        <button ref={change} type="button" className="button small" onClick={() => onChange(null)}>
          Change
        </button>
      </div>
    </div>
  );
}
