// File → Export packet…: who the packet is for (a profile, or a custom choice of fields), what it
// covers (the case or one note), the format; a preview of exactly what that profile lets out,
// then the file, saved through the browser's download (in Electron too: no extra IPC).

import { useEffect, useMemo, useRef, useState } from 'react';
import type { Input, Output } from '../../../../core/api';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Modal } from '../../components/Modal';
import { useQuery } from '../../data';
import { useToast } from '../../toast';
import './export.css';

type ProfileChoice = 'factChecker' | 'editor' | 'lawyer' | 'custom';
type Catalogue = Output<'packets.profiles'>;
type FieldName = keyof Catalogue['profiles'][number]['fields'];
type Attribution = Catalogue['profiles'][number]['attributions'][number];
type Format = Input<'packets.export'>['format'];

const ATTRIBUTION_LABELS: Record<Attribution, string> = {
  on_record: 'On the record',
  background: 'On background',
  deep_background: 'Deep background',
  off_record: 'Off the record',
};

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Hands the file to the browser as a download (the app's save dialog in Electron). */
function download(file: Output<'packets.export'>): void {
  const bytes = file.encoding === 'base64' ? Uint8Array.from(atob(file.data), (c) => c.charCodeAt(0)) : new TextEncoder().encode(file.data);
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mediaType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportDialog({ caseId, onClose }: { caseId: string; onClose: () => void }) {
  const catalogue = useQuery('packets.profiles', {});
  const notes = useQuery('notes.list', { caseId });
  return (
    <Modal label="Export packet" onClose={onClose}>
      <div className="export-dialog">
        <h2>Export packet</h2>
        <ErrorAlert error={catalogue.error ?? notes.error} />
        {catalogue.data && notes.data ? (
          <ExportForm caseId={caseId} catalogue={catalogue.data} notes={notes.data} onClose={onClose} />
        ) : (
          !catalogue.error && !notes.error && <Loading what="the packet profiles" />
        )}
      </div>
    </Modal>
  );
}

function ExportForm({ caseId, catalogue, notes, onClose }: { caseId: string; catalogue: Catalogue; notes: Output<'notes.list'>; onClose: () => void }) {
  const { notify } = useToast();
  // The profile and format last chosen in this library (kept in it: any door, any restart).
  const [choice, setChoice] = useState<ProfileChoice>(catalogue.last?.profile ?? 'editor');
  const lawyer = catalogue.profiles.find((p) => p.name === 'lawyer')!;
  const [fields, setFields] = useState<Record<FieldName, boolean>>(lawyer.fields);
  const [attributions, setAttributions] = useState<Attribution[]>(lawyer.attributions);
  const [withMap, setWithMap] = useState(true);
  const [noteId, setNoteId] = useState('');
  const [format, setFormat] = useState<Format>(catalogue.last?.format ?? 'html');
  const remembered = useRef({ profile: choice, format });
  useEffect(() => {
    if (remembered.current.profile === choice && remembered.current.format === format) return;
    remembered.current = { profile: choice, format };
    // Remembering is a convenience: when it fails the dialog still exports as asked.
    api.invoke('packets.rememberChoice', { profile: choice, format }).catch(() => {});
  }, [choice, format]);
  const [progress, setProgress] = useState<{ stage: string; jobId: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const mounted = useRef(true);
  useEffect(() => () => void (mounted.current = false), []);

  // The map is asked for beside any profile: a built-in without it is that profile with one field changed.
  const profile = useMemo<Input<'packets.preview'>['profile']>(() => {
    if (choice === 'custom') return { base: 'lawyer', label: 'Custom', fields: { ...fields, claimMap: withMap }, attributions };
    if (withMap) return choice;
    const label = catalogue.profiles.find((p) => p.name === choice)?.label ?? choice;
    return { base: choice, label: `${label}, without the claim map`, fields: { claimMap: false } };
  }, [choice, fields, attributions, withMap, catalogue]);
  const scope = { caseId, ...(noteId ? { noteId } : {}), profile };
  const customInvalid = choice === 'custom' && attributions.length === 0;
  const preview = useQuery('packets.preview', customInvalid ? null : scope, { keepPrevious: true });
  const chosen = choice === 'custom' ? null : catalogue.profiles.find((p) => p.name === choice);

  const exportNow = async () => {
    const jobId = crypto.randomUUID();
    setError(null);
    setProgress({ stage: 'Starting', jobId });
    const poll = setInterval(() => {
      api.invoke('jobs.progress', { jobId }).then(
        (p) => mounted.current && setProgress((now) => (now ? { ...now, stage: p.stage } : now)),
        () => {},
      );
    }, 400);
    try {
      const file = await api.invoke('packets.export', { ...scope, format, jobId });
      download(file);
      notify({ text: `Exported ${file.fileName}.` });
      onClose();
    } catch (err) {
      if (mounted.current) setError(err);
    } finally {
      clearInterval(poll);
      if (mounted.current) setProgress(null);
    }
  };

  return (
    <div className="export-layout">
      <form
        className="export-options"
        onSubmit={(e) => {
          e.preventDefault();
          void exportNow();
        }}
      >
        <fieldset>
          <legend>For</legend>
          {[...catalogue.profiles.map((p) => ({ name: p.name as ProfileChoice, label: p.label })), { name: 'custom' as const, label: 'Custom…' }].map((p) => (
            <label key={p.name} className="export-radio">
              <input type="radio" name="profile" value={p.name} checked={choice === p.name} onChange={() => setChoice(p.name)} /> {p.label}
            </label>
          ))}
          {chosen && <p className="muted">{chosen.description}</p>}
        </fieldset>
        {choice === 'custom' && (
          <fieldset className="export-custom">
            <legend>Include</legend>
            {catalogue.fields
              .filter((f) => f.name !== 'claimMap')
              .map((f) => (
                <label key={f.name} className="export-check">
                  <input type="checkbox" checked={fields[f.name as FieldName]} onChange={(e) => setFields({ ...fields, [f.name]: e.target.checked })} /> {f.description}
                </label>
              ))}
            <p className="muted">Claims said:</p>
            {(Object.keys(ATTRIBUTION_LABELS) as Attribution[]).map((a) => (
              <label key={a} className="export-check">
                <input
                  type="checkbox"
                  checked={attributions.includes(a)}
                  onChange={(e) => setAttributions(e.target.checked ? [...attributions, a] : attributions.filter((x) => x !== a))}
                />{' '}
                {ATTRIBUTION_LABELS[a]}
              </label>
            ))}
            {customInvalid && <p className="alert">Include at least one attribution level.</p>}
          </fieldset>
        )}
        <label className="export-check">
          <input type="checkbox" checked={withMap} onChange={(e) => setWithMap(e.target.checked)} /> Include the claim map
        </label>
        <label className="export-field">
          Covering
          <select value={noteId} onChange={(e) => setNoteId(e.target.value)}>
            <option value="">The whole case</option>
            {notes.map((n) => (
              <option key={n.id} value={n.id}>
                Note: {n.title}
              </option>
            ))}
          </select>
        </label>
        <label className="export-field">
          Format
          <select value={format} onChange={(e) => setFormat(e.target.value as Format)}>
            {catalogue.formats.map((f) => (
              <option key={f.name} value={f.name}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        {preview.data && (
          <div className="export-redactions" aria-live="polite">
            <p>
              {count(preview.data.counts.claims, 'claim')}, {count(preview.data.counts.sources, 'source')}, {count(preview.data.counts.documents, 'document')}.
            </p>
            {preview.data.redactions.length ? (
              <ul>
                {preview.data.redactions.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            ) : (
              <p className="muted">Nothing redacted.</p>
            )}
          </div>
        )}
        <ErrorAlert error={error ?? preview.error} />
        {progress && (
          <p role="status" className="muted">
            {progress.stage}…
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={Boolean(progress) || customInvalid}>
            Export
          </button>
          {progress ? (
            <button type="button" className="button" onClick={() => void api.invoke('jobs.cancel', { jobId: progress.jobId }).catch(() => {})}>
              Cancel export
            </button>
          ) : (
            <button type="button" className="button" onClick={onClose} data-autofocus>
              Close
            </button>
          )}
        </div>
      </form>
      <section className="export-preview" aria-label="Preview">
        {preview.data ? (
          // No scripts, no same origin: the packet is shown, never run.
          <iframe title="Packet preview" sandbox="" srcDoc={preview.data.html} className={preview.loading ? 'stale' : ''} />
        ) : (
          !preview.error && <Loading what="the preview" />
        )}
      </section>
    </div>
  );
}
