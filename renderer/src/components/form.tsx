// One form kit for every record: the state of the fields, labelled controls that show the
// library's complaint about their own value, and a form frame with the error and the buttons.

import { createContext, useContext, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiCallError } from '../api';
import { useAction } from '../data';
import { keysOf } from '../labels';
import { ErrorAlert } from './ErrorAlert';

export interface FormState<T> {
  values: T;
  set: <K extends keyof T>(name: K, value: T[K]) => void;
}

export function useFormState<T>(initial: T | (() => T)): FormState<T> {
  const [values, setValues] = useState<T>(initial);
  return { values, set: (name, value) => setValues((v) => ({ ...v, [name]: value })) };
}

/** The error of the last submit, for the fields to find their own issue in. */
const SubmitError = createContext<unknown>(null);

function issueFor(error: unknown, path: string): string | undefined {
  if (!(error instanceof ApiCallError)) return undefined;
  return error.issues.find((i) => i.path === path || i.path.startsWith(`${path}.`))?.message;
}

interface FormProps<R> {
  label: string;
  /** The form's heading level: 3 when it sits inside a record's detail. */
  level?: 2 | 3;
  submitLabel: string;
  onSubmit: () => Promise<R>;
  /** Called with the method's answer after a successful save. */
  onDone: (result: R) => void;
  onCancel?: () => void;
  /** The cancel button's words, when "Cancel" would not say what it does ("Not now"). */
  cancelLabel?: string;
  children: ReactNode;
  className?: string;
}

export function Form<R>({ label, level = 2, submitLabel, onSubmit, onDone, onCancel, cancelLabel = 'Cancel', children, className }: FormProps<R>) {
  const action = useAction();
  const headingId = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  // The button that opened the form is often gone now; the first field is where work starts.
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => ref.current?.querySelector<HTMLElement>('input, select, textarea')?.focus(), []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await action.run(onSubmit);
    if (result !== undefined) onDone(result);
  };
  return (
    <form
      ref={ref}
      className={`form ${className ?? ''}`}
      aria-labelledby={headingId}
      onSubmit={submit}
      noValidate
      onKeyDown={(e) => {
        // Escape cancels the form (and only the form: the pane behind stays open).
        if (e.key === 'Escape' && onCancel && !e.defaultPrevented) {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <Heading id={headingId} className="form-title">
        {label}
      </Heading>
      <ErrorAlert error={action.error} />
      <SubmitError.Provider value={action.error}>{children}</SubmitError.Provider>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={action.busy}>
          {action.busy ? 'Saving…' : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            {cancelLabel}
          </button>
        )}
      </div>
    </form>
  );
}

/** A submit refused before it reaches the library: something the form needs was not chosen. */
export function missing(message: string): Promise<never> {
  return Promise.reject(new ApiCallError({ code: 'BAD_INPUT', message }));
}

/** The keys of T whose values are of type V. */
export type KeysOf<T, V> = { [K in keyof T]: T[K] extends V ? K : never }[keyof T] & string;

interface FieldProps<T, V> {
  form: FormState<T>;
  name: KeysOf<T, V>;
  label: string;
  hint?: string;
  /** The API's name for the field, when it differs from the form's. */
  path?: string;
}

/** Label, control, hint and the field's own error, wired together for assistive technology. */
function FieldFrame({
  label,
  hint,
  path,
  className,
  children,
}: {
  label: string;
  hint?: string;
  path: string;
  className?: string;
  children: (aria: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true }) => ReactNode;
}) {
  const id = useId();
  const error = issueFor(useContext(SubmitError), path);
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(described ? { 'aria-describedby': described } : {}), ...(error ? { 'aria-invalid': true } : {}) })}
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function TextField<T>({
  form,
  name,
  multiline,
  rows = 3,
  type = 'text',
  placeholder,
  required,
  ...frame
}: FieldProps<T, string> & {
  multiline?: boolean;
  rows?: number;
  type?: 'text' | 'email' | 'tel' | 'url' | 'datetime-local';
  placeholder?: string;
  required?: boolean;
}) {
  const value = form.values[name] as string;
  const onChange = (e: { target: { value: string } }) => form.set(name, e.target.value as T[typeof name]);
  return (
    <FieldFrame {...frame} path={frame.path ?? name}>
      {(aria) =>
        multiline ? (
          <textarea {...aria} value={value} onChange={onChange} rows={rows} placeholder={placeholder} required={required} />
        ) : (
          <input {...aria} type={type} value={value} onChange={onChange} placeholder={placeholder} required={required} />
        )
      }
    </FieldFrame>
  );
}

export function SelectField<T, K extends string>({
  form,
  name,
  options,
  ...frame
}: FieldProps<T, string> & { options: readonly (readonly [K | '', string])[] }) {
  return (
    <FieldFrame {...frame} path={frame.path ?? name}>
      {(aria) => (
        <select {...aria} value={form.values[name] as string} onChange={(e) => form.set(name, e.target.value as T[typeof name])}>
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

export function CheckboxField<T>({ form, name, label, hint }: FieldProps<T, boolean>) {
  const id = useId();
  return (
    <div className="field checkbox">
      <input
        id={id}
        type="checkbox"
        checked={form.values[name] as boolean}
        onChange={(e) => form.set(name, e.target.checked as T[typeof name])}
        {...(hint ? { 'aria-describedby': `${id}-hint` } : {})}
      />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** A label map as <select> options: [value, text] in the map's order. */
export function optionsOf<K extends string>(labels: Record<K, string>, describe?: (key: K, label: string) => string): [K, string][] {
  return keysOf(labels).map((k) => [k, describe ? describe(k, labels[k]) : labels[k]]);
}
